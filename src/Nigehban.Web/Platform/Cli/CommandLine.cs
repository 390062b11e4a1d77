using System.CommandLine;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Cli;

/// <summary>
/// The executable's verbs, each contributed by its module (<see cref="CliVerb"/>). Exit codes, each
/// with a one-line reason when not 0:
/// <list type="bullet">
/// <item>0 the verb succeeded;</item>
/// <item>1 the verb failed (an unreachable database, say);</item>
/// <item>2 a wrong command line;</item>
/// <item>3 the configured force pack is invalid;</item>
/// <item>4 is the verb's own: <c>audit verify</c> says "cannot vouch" with it (<see cref="Audit.AuditVerifyVerb.CannotVouch"/>);</item>
/// <item>5 the database belongs to another force (ADR-029);</item>
/// <item>6 an address to listen on is in use (<c>serve</c>, ADR-039);</item>
/// <item>130 cancelled.</item>
/// </list>
/// A verb may give 1, 2 and 4 meanings of its own (<c>dashboard verify</c>: 1 the rollups differ);
/// 3, 5, 6 and 130 mean the same for every verb, so a script tells a wrong instance from a verb's answer.
/// </summary>
public static class CommandLine
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int WrongCommandLine = 2;
    public const int InvalidForcePack = 3;
    public const int DatabaseOfAnotherForce = 5;
    public const int Cancelled = 130;

    private const string Usage = "usage: Nigehban.Web [verb] [--options]";

    /// <summary>
    /// Parses <paramref name="args"/> against the verbs the modules registered on
    /// <paramref name="builder"/> and runs the one named (<c>serve</c> when none is). The host is
    /// built (<paramref name="build"/>) only for a verb that needs it: a wrong command line or a
    /// standalone verb touches no data folder and no database.
    /// </summary>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, Func<WebApplicationBuilder, WebApplication> build)
    {
        var verbs = builder.Services.Where(d => d.ServiceType == typeof(CliVerb)).Select(d => (CliVerb)d.ImplementationInstance!).ToList();
        var (verb, parse, error) = Parse(verbs, args);
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            PrintHelp(Console.Error, verbs);
            return WrongCommandLine;
        }

        if (verb is null || parse is null)
        {
            PrintHelp(Console.Out, verbs);
            return Succeeded;
        }

        if (verb.Needs == VerbNeeds.Nothing)
        {
            return await verb.RunAsync(new VerbRun(parse, EmptyServices.Instance, null, CancellationToken.None));
        }

        // Not caught: a host that cannot be built is a fault of the build, and a test host
        // (WebApplicationFactory) stops the entry point here by throwing.
        await using var app = build(builder);
        return await RunVerbAsync(app, verb, parse);
    }

    private static async Task<int> RunVerbAsync(WebApplication app, CliVerb verb, ParseResult parse)
    {
        var cancellation = app.Lifetime.ApplicationStopping;
        try
        {
            if (verb.Path is ["serve"])
            {
                // The hosted start-up (StartupSteps) runs before the server listens.
                return await verb.RunAsync(new VerbRun(parse, app.Services, app, cancellation));
            }

            if (verb.Needs == VerbNeeds.StartedPlatform)
            {
                await app.Services.GetRequiredService<StartupSteps>().RunAsync(verb.SeedsDemoData, cancellation);
            }

            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().UseCommandLineOperator();
            return await verb.RunAsync(new VerbRun(parse, scope.ServiceProvider, app, cancellation));
        }
        catch (ForcePackException ex)
        {
            Console.Error.WriteLine($"cannot start: invalid force pack: {ex.Message}");
            return InvalidForcePack;
        }
        catch (WrongForceException ex)
        {
            Console.Error.WriteLine($"cannot start: {ex.Message}");
            return DatabaseOfAnotherForce;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{verb.Name}: cancelled");
            return Cancelled;
        }
        catch (Exception ex)
        {
            // One line a person can act on (an unreachable database, a bad connection string), not a stack trace.
            Console.Error.WriteLine($"{verb.Name} failed: {Describe(ex)}");
            return Failed;
        }
    }

    /// <summary>
    /// The verb <paramref name="args"/> name and its parse; no verb and no error for a request of help;
    /// an error (unknown command) for words no verb takes or arguments a verb refuses.
    /// </summary>
    public static (CliVerb? Verb, ParseResult? Parse, string? Error) Parse(IReadOnlyList<CliVerb> verbs, string[] args)
    {
        if (args is ["--help" or "-h" or "-?" or "help", ..])
        {
            return (null, null, null);
        }

        var (root, commands) = BuildCommands(verbs);
        var parse = root.Parse(args);
        var named = parse.CommandResult.Command;
        var words = args.Where(a => !a.StartsWith('-') && !IsOptionValue(args, a)).ToList();
        var verb = named == root && words.Count == 0 ? verbs.FirstOrDefault(v => v.Path is ["serve"]) : commands.GetValueOrDefault(named);
        // Words the verb does not take (a mistyped verb) are refused; --options are the host's.
        var strayWord = parse.UnmatchedTokens.Any(t => !t.StartsWith('-') && !IsOptionValue(args, t));
        if (verb is null || parse.Errors.Count > 0 || strayWord)
        {
            var reasons = string.Concat(parse.Errors.Select(e => $"\n  {e.Message}"));
            return (null, null, $"unknown command '{string.Join(' ', words.Count > 0 ? words : args.Take(1))}'{reasons}");
        }

        return (verb, parse, null);
    }

    private static (RootCommand Root, Dictionary<Command, CliVerb> Commands) BuildCommands(IReadOnlyList<CliVerb> verbs)
    {
        var root = new RootCommand("Nigehban: an open platform for IT-based policing.") { TreatUnmatchedTokensAsErrors = false };
        // No verb at all is serve's; the action only marks the root as runnable (verbs run below, not through it).
        root.SetAction(_ => 0);
        var commands = new Dictionary<Command, CliVerb>();
        foreach (var verb in verbs)
        {
            Command parent = root;
            foreach (var word in verb.Path)
            {
                var child = parent.Subcommands.FirstOrDefault(c => c.Name == word);
                if (child is null)
                {
                    child = new Command(word) { TreatUnmatchedTokensAsErrors = false };
                    parent.Subcommands.Add(child);
                }

                parent = child;
            }

            if (commands.ContainsKey(parent))
            {
                throw new InvalidOperationException($"The verb '{verb.Name}' is registered twice.");
            }

            parent.Description = verb.Description;
            parent.SetAction(_ => 0);
            verb.Define(parent);
            commands[parent] = verb;
        }

        return (root, commands);
    }

    /// <summary>True when <paramref name="token"/> follows a host option given as <c>--key value</c>.</summary>
    private static bool IsOptionValue(string[] args, string token)
    {
        var index = Array.IndexOf(args, token);
        return index > 0 && args[index - 1].StartsWith("--", StringComparison.Ordinal) && !args[index - 1].Contains('=', StringComparison.Ordinal);
    }

    public static string Describe(Exception exception)
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

    public static void PrintHelp(TextWriter writer, IReadOnlyList<CliVerb> verbs)
    {
        writer.WriteLine(Usage);
        foreach (var verb in verbs)
        {
            writer.WriteLine($"  {(verb.Name + " " + verb.Syntax).TrimEnd(),-26}{verb.Description}");
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
