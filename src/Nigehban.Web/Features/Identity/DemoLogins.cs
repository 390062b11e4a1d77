using System.CommandLine;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.Identity;

/// <summary>Prints the demo logins last at start-up, when demo data was wanted (<c>serve</c>, <c>seed --demo</c>).</summary>
internal sealed class PrintDemoLogins(DemoAccounts demoAccounts) : IStartupStep
{
    public int Order => StartupOrder.Report;

    public Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        var accounts = context.SeedDemo ? demoAccounts.Read() : [];
        if (accounts.Count == 0)
        {
            return Task.CompletedTask;
        }

        Console.WriteLine();
        Console.WriteLine("Demo logins (also in " + demoAccounts.File + "):");
        foreach (var line in Table(accounts))
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine("  Current one-time code of a demo user: dotnet run --project src/Nigehban.Web -- demo otp <user>");
        Console.WriteLine();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The logins as columns as wide as their longest entry, measured in characters as a reader
    /// sees them (text elements: a letter with its marks is one), so that long user names, unit
    /// codes or names in another script do not push the rows out of line.
    /// </summary>
    internal static IReadOnlyList<string> Table(IReadOnlyList<DemoAccount> accounts)
    {
        string[][] rows =
        [
            ["user", "password", "role", "unit", "TOTP secret"],
            .. accounts.Select(a => new[] { a.UserName, a.Password, a.Role, a.Unit, a.TotpSecret }),
        ];
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => Width(r[c]))).ToArray();
        return [.. rows.Select(r => string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell : cell + new string(' ', widths[c] - Width(cell)))))];
    }

    private static int Width(string text) => new System.Globalization.StringInfo(text).LengthInTextElements;
}

/// <summary><c>demo otp &lt;user&gt;</c>: the current one-time code of a demo account, from the demo logins file.</summary>
internal sealed class DemoOtpVerb : CliVerb
{
    private static readonly Argument<string> User = new("user") { Description = "a demo account's user name" };

    public override IReadOnlyList<string> Path => ["demo", "otp"];

    public override string Syntax => "<user>";

    public override string Description => "print the current one-time code of a demo account";

    public override VerbNeeds Needs => VerbNeeds.Services;

    public override void Define(Command command) => command.Arguments.Add(User);

    public override Task<int> RunAsync(VerbRun run)
    {
        var userName = run.Parse.GetValue(User);
        var account = run.Services.GetRequiredService<DemoAccounts>().Read().FirstOrDefault(a => a.UserName == userName);
        if (account is null)
        {
            Console.Error.WriteLine($"no demo account '{userName}' in this instance");
            return Task.FromResult(1);
        }

        Console.WriteLine(run.Services.GetRequiredService<TotpSecrets>().CurrentCode(account.TotpSecret));
        return Task.FromResult(0);
    }
}
