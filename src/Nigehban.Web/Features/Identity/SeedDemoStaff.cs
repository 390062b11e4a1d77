using Nigehban.Web.Features.Identity.CreateStaffAccount;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Storage;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Identity;

/// <summary>One demo login as written to <c>data/demo-accounts.json</c>.</summary>
public sealed record DemoAccount(string UserName, string Password, string TotpSecret, string Role, string Unit);

/// <summary>The demo logins of this instance, in <c>data/demo-accounts.json</c> (readable by its owner only).</summary>
public sealed class DemoAccounts(StorageOptions storage)
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string File => storage.Resolve("demo-accounts.json");

    public IReadOnlyList<DemoAccount> Read() =>
        System.IO.File.Exists(File)
            ? JsonSerializer.Deserialize<List<DemoAccount>>(System.IO.File.ReadAllText(File), FileJson) ?? []
            : [];

    public Task WriteAsync(IReadOnlyList<DemoAccount> accounts, CancellationToken cancellationToken) =>
        OwnerOnlyFile.WriteAsync(File, JsonSerializer.Serialize(accounts, FileJson), cancellationToken);
}

/// <summary>
/// Demo staff on first start: one staff account for every role, placed in the force's own
/// hierarchy (the first station, district, region... of the pack), so it works for any force.
/// Passwords and TOTP secrets are random per instance; nothing secret is in the repository.
/// </summary>
public sealed class SeedDemoStaff(
    NigehbanDbContext db,
    CreateStaffAccountHandler staff,
    UnitDirectory units,
    ForcePack force,
    DemoAccounts demoAccounts,
    ILogger<SeedDemoStaff> logger) : IDemoDataSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<StaffAccount>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var accounts = new List<DemoAccount>();
        foreach (var (userName, role, unit) in PlanAccounts())
        {
            var password = NewPassword();
            var enrolment = await staff.CreateAsync(
                new CreateStaffRequest(userName, DisplayNameOf(role, unit), unit.Code, [role], password), cancellationToken);
            accounts.Add(new DemoAccount(userName, password, enrolment.TotpSecret, role, unit.Code));
        }

        await demoAccounts.WriteAsync(accounts, cancellationToken);
        logger.LogInformation("Seeded {Count} demo staff accounts into {File}", accounts.Count, demoAccounts.File);
    }

    /// <summary>Places each role at the level of the force's hierarchy where that officer sits.</summary>
    private IEnumerable<(string UserName, string Role, UnitInfo Unit)> PlanAccounts()
    {
        var root = units.All.First(u => u.ParentCode is null);
        var districts = units.All.Where(u => u.Kind == force.ReferenceUnitKind).Take(2).ToList();
        var district = districts[0];
        var station = FirstDescendant(district, force.StationUnitKind);
        var kinds = force.UnitKinds.ToList();
        var regionKindIndex = Math.Max(0, kinds.IndexOf(force.ReferenceUnitKind) - 1);
        var region = units.AncestorOfKind(district.Code, kinds[regionKindIndex]) ?? root;

        yield return ("frontdesk", Roles.FrontDesk, station);
        yield return ("io", Roles.InvestigatingOfficer, station);
        yield return ("sho", Roles.Sho, station);
        yield return ("protection", Roles.ProtectionOfficer, station);
        // A partner body's worker (a shelter, say); the protection module links the account to a body of its pack.
        yield return ("partner", Roles.ProtectionPartner, district);
        yield return ("safecity", Roles.SafeCityOperator, district);
        yield return ("sdpo", Roles.SubdivisionOfficer, units.Find(station.ParentCode) ?? district);
        yield return ("dpo", Roles.Dpo, district);
        yield return ("rpo", Roles.Rpo, region);
        yield return ("ig", Roles.Ig, root);
        yield return ("auditor", Roles.Auditor, root);
        yield return ("admin", Roles.Administrator, root);
        yield return ("centre", Roles.ComplaintCentreOfficer, root);
        if (districts.Count > 1)
        {
            // A second district's desk, so that cross-district isolation can be seen and tested.
            yield return ("frontdesk2", Roles.FrontDesk, FirstDescendant(districts[1], force.StationUnitKind));
            yield return ("dpo2", Roles.Dpo, districts[1]);
        }
    }

    private UnitInfo FirstDescendant(UnitInfo unit, string kind) =>
        units.All.FirstOrDefault(u => u.Kind == kind && u.Path.StartsWith(unit.Path, StringComparison.Ordinal)) ?? unit;

    private static string DisplayNameOf(string role, UnitInfo unit) => $"Demo {role} ({unit.Name})";

    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }
}
