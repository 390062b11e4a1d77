using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Demo;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Platform.Cli;

/// <summary>A verb and its own arguments; everything from the first <c>--option</c> on goes to the host.</summary>
public sealed record Verb(string Name, IReadOnlyList<string> Arguments, bool IsKnown = true)
{
    /// <summary>
    /// Verbs that need no host, no database and no force pack of their own. An unknown verb is
    /// refused here too, before a host is built or a data folder created.
    /// </summary>
    public bool IsStandalone => !IsKnown || Name is "force" or "help";
}

/// <summary>
/// The executable's verbs. Exit code 0 on success; non-zero with a one-line reason otherwise.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["serve", "migrate", "seed", "audit", "dashboard", "force", "demo", "help"];

    public static (Verb Verb, string[] HostArgs) Split(string[] args)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h" or "-?")
        {
            return (new Verb("help", []), args[1..]);
        }

        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return (new Verb("serve", []), args);
        }

        if (!Verbs.Contains(args[0]))
        {
            return (new Verb(args[0], args[1..], IsKnown: false), []);
        }

        var verbArgs = new List<string>();
        var i = 1;
        // Verb arguments are positional words and the flags that belong to the verb (seed --demo).
        for (; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i] is not ("--demo" or "--checkpoints"))
            {
                break;
            }

            verbArgs.Add(args[i]);
        }

        return (new Verb(args[0], verbArgs), args[i..]);
    }

    public static Task<int> RunStandaloneAsync(Verb verb)
    {
        if (!verb.IsKnown)
        {
            Console.Error.WriteLine($"unknown command '{verb.Name}'");
            PrintHelp(Console.Error);
            return Task.FromResult(2);
        }

        if (verb.Name == "help")
        {
            PrintHelp(Console.Out);
            return Task.FromResult(0);
        }

        if (verb.Arguments is ["validate", var folder])
        {
            try
            {
                var pack = ForcePackLoader.Load(folder);
                Console.WriteLine($"valid: {pack.Name} ({pack.Code}), {pack.Units.Count} units, {pack.Languages.Count} languages, {pack.Calendar.Holidays.Count} holidays");
                return Task.FromResult(0);
            }
            catch (ForcePackException ex)
            {
                Console.Error.WriteLine($"invalid force pack: {ex.Message}");
                return Task.FromResult(1);
            }
        }

        Console.Error.WriteLine("usage: force validate <folder>");
        return Task.FromResult(2);
    }

    public static async Task<int> RunAsync(WebApplication app, Verb verb)
    {
        var cancellation = app.Lifetime.ApplicationStopping;
        try
        {
            switch (verb.Name)
            {
                case "serve":
                    // DatabaseStartup migrates and seeds before the server listens.
                    await app.RunAsync();
                    return 0;

                case "migrate":
                    await DatabaseInitializer.InitializeAsync(app.Services, seedDemo: false, cancellation);
                    Console.WriteLine("migrated");
                    return 0;

                case "seed" when verb.Arguments.Contains("--demo"):
                    await DatabaseInitializer.InitializeAsync(app.Services, seedDemo: true, cancellation);
                    PrintDemoLogins(app.Services);
                    return 0;

                case "audit" when verb.Arguments is ["verify", ..]:
                    return await AuditVerifyVerb.RunAsync(app.Services, [.. verb.Arguments.Skip(1)], Console.Out, cancellation);

                case "audit" when verb.Arguments is ["checkpoint"]:
                    await using (var scope = app.Services.CreateAsyncScope())
                    {
                        var checkpoint = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(cancellation);
                        Console.WriteLine(checkpoint is null ? "no audit events yet" : $"checkpoint at sequence {checkpoint.Sequence}: {checkpoint.Hash}");
                    }

                    return 0;

                case "dashboard" when verb.Arguments is ["rebuild"]:
                    await using (var scope = app.Services.CreateAsyncScope())
                    {
                        var result = await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().RebuildAsync(cancellation);
                        Console.WriteLine($"rebuilt: {result.Records} records counted into {result.Rows} rollup rows");
                    }

                    return 0;

                case "dashboard" when verb.Arguments is ["verify"]:
                    return await VerifyDashboardAsync(app.Services, cancellation);

                case "demo" when verb.Arguments is ["otp", var userName]:
                    return PrintCurrentOtp(app.Services, userName);

                default:
                    Console.Error.WriteLine($"unknown command '{string.Join(' ', [verb.Name, .. verb.Arguments])}'");
                    PrintHelp(Console.Error);
                    return 2;
            }
        }
        catch (ForcePackException ex)
        {
            Console.Error.WriteLine($"cannot start: invalid force pack: {ex.Message}");
            return 3;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{verb.Name}: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            // One line a person can act on (an unreachable database, a bad connection string), not a stack trace.
            Console.Error.WriteLine($"{verb.Name} failed: {Describe(ex)}");
            return 1;
        }
    }

    private static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null && messages.Count < 3; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(" -> ", messages);
    }

    private static async Task<int> VerifyDashboardAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var differences = await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(cancellationToken);
        foreach (var difference in differences)
        {
            Console.WriteLine($"differs: {difference}");
        }

        Console.WriteLine(differences.Count == 0 ? "dashboard rollups match the records" : $"{differences.Count} rollup rows differ from the records; run 'dashboard rebuild'");
        return differences.Count == 0 ? 0 : 1;
    }

    private static void PrintDemoLogins(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        DemoLogins.Print(scope.ServiceProvider.GetRequiredService<DemoSeeder>());
    }

    private static int PrintCurrentOtp(IServiceProvider services, string userName)
    {
        using var scope = services.CreateScope();
        var account = scope.ServiceProvider.GetRequiredService<DemoSeeder>().ReadAccounts().FirstOrDefault(a => a.UserName == userName);
        if (account is null)
        {
            Console.Error.WriteLine($"no demo account '{userName}' in this instance");
            return 1;
        }

        Console.WriteLine(scope.ServiceProvider.GetRequiredService<TotpSecrets>().CurrentCode(account.TotpSecret));
        return 0;
    }

    private static void PrintHelp(TextWriter writer) => writer.WriteLine("""
        usage: Nigehban.Web [verb] [--options]
          serve                     run the platform (default); migrates and seeds demo data when Demo__Seed=true
          migrate                   apply database migrations and sync units from the force pack
          seed --demo               seed demo data and print the demo logins
          audit verify [--checkpoints FILE...]
                                    check the audit hash chain against checkpoints (shipped copies too): prints
                                    'intact', 'cannot vouch' (exit 4) or the first broken sequence (exit 1)
          audit checkpoint          record the current chain head (for truncation checks)
          dashboard rebuild         recount every dashboard rollup from the raw records (after bulk loads)
          dashboard verify          recount and compare: prints each differing rollup row, exits 1 if any
          force validate <folder>   check a force pack and report the file and line of any fault
          demo otp <user>           print the current one-time code of a demo account
        """);
}
