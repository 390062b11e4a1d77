using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Bench.Data;

/// <summary>Reading the generated data back through the app, as the app would read it.</summary>
public sealed partial class GenerateData
{
    /// <summary>
    /// The bulk paths bypass EF, so read back through EF: the app must see exactly what it would
    /// have written itself. The unit sync must find nothing to change, a staff account must load
    /// by id with its instant intact, its password and TOTP secret must check, and every person
    /// must be there.
    /// </summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        await using var scope = appServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("bench data verification");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();

        var changes = await scope.ServiceProvider.GetRequiredService<SyncUnitsFromForcePack>().RunAsync(cancellationToken);
        Check(changes == 0, $"the app's unit sync changed {changes} units the bench wrote");
        Check(await db.Set<Unit>().CountAsync(cancellationToken) == plan.Units.Count, "unit count differs from the plan");

        var expected = plan.Staff[^1];
        var account = await db.Set<StaffAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == expected.Id, cancellationToken);
        Check(account is not null, $"staff account {expected.Id} not found by id through EF");
        Check(account!.UserName == expected.UserName && account.CreatedAt == expected.CreatedAt && account.Roles == expected.Role,
            $"staff account {expected.UserName} reads back differently through EF");
        Check(scope.ServiceProvider.GetRequiredService<TotpSecrets>().Unprotect(account.ProtectedTotpSecret) == expected.TotpSecret,
            "TOTP secret does not unprotect with the instance's keys");
        Check(scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffAccount>>()
            .VerifyHashedPassword(account, account.PasswordHash, BenchPlan.StaffPassword) != PasswordVerificationResult.Failed,
            "bench password does not verify");
        Check(await db.Set<StaffAccount>().CountAsync(cancellationToken) == plan.Staff.Count, "staff count differs from the plan");

        await db.Database.OpenConnectionAsync(cancellationToken);
        var persons = await BulkLoader.For(db.Database.GetDbConnection()).CountAsync(PersonsTable, cancellationToken);
        await db.Database.CloseConnectionAsync();
        Check(persons == plan.PersonCount, $"{PersonsTable} holds {persons} rows, the plan {plan.PersonCount}");
        if (plan.Scale.ServiceRequests > 0)
        {
            await VerifyServiceRequestsAsync(db, cancellationToken);
        }

        output.WriteLine("  verified: units, staff and persons read back as planned");
    }

    /// <summary>Every application is there, and one reads back through EF exactly as planned.</summary>
    private async Task VerifyServiceRequestsAsync(NigehbanDbContext db, CancellationToken cancellationToken)
    {
        var count = await db.Set<ServiceRequest>().LongCountAsync(cancellationToken);
        Check(count == plan.Scale.ServiceRequests, $"service_requests holds {count} rows, the plan {plan.Scale.ServiceRequests}");
        var expected = new ServiceRequestPlan(plan).Rows().First(r => r.Status == ServiceRequestStatus.Rejected);
        var actual = await db.Set<ServiceRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == expected.Id, cancellationToken);
        Check(actual is not null, $"service request {expected.Id} not found by id through EF");
        Check(actual!.Reference == expected.Reference && actual.Status == expected.Status && actual.SubmittedAt == expected.SubmittedAt
            && actual.DueAt == expected.DueAt && actual.ClosedAt == expected.ClosedAt && actual.BreachedAt == expected.BreachedAt
            && actual.FeeAmount == expected.FeeAmount && actual.Applicant.NationalId == expected.NationalId && actual.RejectionReason == expected.RejectionReason,
            $"service request {expected.Reference} reads back differently through EF");
        Check(ServiceRequest.CanonicalReference(actual.Reference) == expected.Reference, $"reference {expected.Reference} does not parse");
        output.WriteLine($"  verified: {count:#,0} service requests; {expected.Reference} reads back as planned");
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"generated data failed its check: {problem}");
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<long>> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(start);
    }
}
