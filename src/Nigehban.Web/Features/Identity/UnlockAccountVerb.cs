using Nigehban.Web.Features.Identity.UnlockStaffAccount;
using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// <c>account unlock &lt;user&gt;</c>: the operator on the machine clears a lockout, through the
/// same handler as an administrator's unlock, audited as the command-line operator. It answers
/// the case where every administrator is locked out (ADR-022).
/// </summary>
internal sealed class UnlockAccountVerb : CliVerb
{
    private static readonly Argument<string> User = new("user") { Description = "the staff account's user name" };

    public override IReadOnlyList<string> Path => ["account", "unlock"];

    public override string Syntax => "<user>";

    public override string Description => "unlock a staff account locked by failed sign-ins (audited as system:cli)";

    public override void Define(Command command) => command.Arguments.Add(User);

    public override async Task<int> RunAsync(VerbRun run)
    {
        var userName = (run.Parse.GetValue(User) ?? "").Trim().ToLowerInvariant();
        var db = run.Services.GetRequiredService<NigehbanDbContext>();
        var account = await db.Set<StaffAccount>().AsNoTracking()
            .Where(a => a.UserName == userName)
            .Select(a => new { a.Id, a.LockedOutAt, a.FailedAttempts })
            .FirstOrDefaultAsync(run.CancellationToken);
        if (account is null)
        {
            Console.Error.WriteLine($"no staff account '{userName}'");
            return 1;
        }

        if (account.LockedOutAt is null && account.FailedAttempts == 0)
        {
            Console.WriteLine($"'{userName}' is not locked; nothing to do");
            return 0;
        }

        await run.Services.GetRequiredService<UnlockStaffAccountHandler>().UnlockAsync(account.Id, run.CancellationToken);
        Console.WriteLine($"unlocked '{userName}'");
        return 0;
    }
}
