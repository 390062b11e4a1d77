using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using OtpNet;

namespace Nigehban.Bench.Data;

public sealed record PlannedUnit(string Code, string Name, string Kind, string? ParentCode, string Path, int Depth, string? ShortCode, int SortOrder);

/// <summary>A bench staff account. The TOTP secret is kept so that later scenarios can sign in as any of them.</summary>
public sealed record PlannedStaff(Guid Id, string UserName, string DisplayName, string UnitCode, string UnitPath, string Role, string TotpSecret, DateTimeOffset CreatedAt);

public sealed record PlannedPerson(string NationalId, string Name, string ParentName, string Gender, int BirthYear, string District);

/// <summary>
/// Everything the generator writes, computed from the force pack, the scale and the seed alone:
/// the same inputs give the same rows, byte for byte (see <see cref="ComputeDigest"/>). Units and
/// staff are small and held in memory; persons are produced as a stream, since the large scale
/// has ten million of them.
/// </summary>
public sealed class BenchPlan
{
    /// <summary>Bump when the generator's output changes, so existing bench databases are regenerated.</summary>
    public const int GeneratorVersion = 1;

    /// <summary>All bench accounts share one password: they exist only in bench databases.</summary>
    public const string StaffPassword = "bench-staff-password";

    public const string StaffUserPrefix = "bench.";

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private BenchPlan(ForcePack force, Scale scale, int seed, IReadOnlyList<PlannedUnit> units, IReadOnlyList<PlannedStaff> staff)
    {
        Force = force;
        Scale = scale;
        Seed = seed;
        Units = units;
        Staff = staff;
        Districts = [.. units.Where(u => u.Kind == force.ReferenceUnitKind)];
    }

    public ForcePack Force { get; }
    public Scale Scale { get; }
    public int Seed { get; }
    public IReadOnlyList<PlannedUnit> Units { get; }
    public IReadOnlyList<PlannedStaff> Staff { get; }
    public IReadOnlyList<PlannedUnit> Districts { get; }

    public long PersonCount => Scale.Persons;

    public int StationCount => Units.Count(u => u.Kind == Force.StationUnitKind);

    public static BenchPlan Create(ForcePack force, Scale scale, int seed)
    {
        var units = PlanUnits(force, scale);
        var staff = PlanStaff(force, scale, seed, units);
        return new BenchPlan(force, scale, seed, units, staff);
    }

    /// <summary>
    /// The pack's units exactly as the app's SyncUnitsFromForcePack writes them (path, depth, sort
    /// order), then for larger scales one synthetic circle per district holding the extra stations.
    /// </summary>
    private static List<PlannedUnit> PlanUnits(ForcePack force, Scale scale)
    {
        var kinds = force.UnitKinds.ToList();
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var units = new List<PlannedUnit>();
        for (var i = 0; i < force.Units.Count; i++)
        {
            var d = force.Units[i];
            var path = d.ParentCode is null ? $"/{d.Code}/" : $"{paths[d.ParentCode]}{d.Code}/";
            paths[d.Code] = path;
            units.Add(new PlannedUnit(d.Code, d.Name, d.Kind, d.ParentCode, path, kinds.IndexOf(d.Kind), d.ShortCode, i));
        }

        var districts = units.Where(u => u.Kind == force.ReferenceUnitKind).ToList();
        var existingStations = units.Count(u => u.Kind == force.StationUnitKind);
        var extraPerDistrict = scale.TargetStations <= existingStations || districts.Count == 0
            ? 0
            : (int)Math.Ceiling((scale.TargetStations - existingStations) / (double)districts.Count);
        if (extraPerDistrict == 0)
        {
            return units;
        }

        // The kind between district and station (Punjab: subdivision), when the pack has one.
        var stationDepth = kinds.IndexOf(force.StationUnitKind);
        var circleKind = stationDepth > kinds.IndexOf(force.ReferenceUnitKind) + 1 ? kinds[stationDepth - 1] : null;
        var sortOrder = units.Count;
        foreach (var district in districts)
        {
            var districtName = district.Name;
            var parent = district;
            if (circleKind is not null)
            {
                var circleCode = $"{district.Code}-BC";
                parent = new PlannedUnit(circleCode, $"Bench Circle, {districtName} (synthetic)", circleKind, district.Code,
                    $"{district.Path}{circleCode}/", kinds.IndexOf(circleKind), null, sortOrder++);
                units.Add(parent);
            }

            for (var n = 1; n <= extraPerDistrict; n++)
            {
                var code = $"{district.Code}-BS{n:00}";
                units.Add(new PlannedUnit(code, $"PS Bench {n:00}, {districtName} (synthetic)", force.StationUnitKind, parent.Code,
                    $"{parent.Path}{code}/", stationDepth, null, sortOrder++));
            }
        }

        return units;
    }

    private static readonly string[] StationRoles = [Roles.FrontDesk, Roles.FrontDesk, Roles.FrontDesk, Roles.FrontDesk,
        Roles.InvestigatingOfficer, Roles.InvestigatingOfficer, Roles.InvestigatingOfficer, Roles.InvestigatingOfficer, Roles.InvestigatingOfficer,
        Roles.ProtectionOfficer];

    /// <summary>
    /// Every station gets an SHO and then front-desk staff, investigating and protection officers
    /// at random; every district a DPO and a Safe City operator; every region an RPO; the force an
    /// IG, an auditor and an administrator.
    /// </summary>
    private static List<PlannedStaff> PlanStaff(ForcePack force, Scale scale, int seed, List<PlannedUnit> units)
    {
        var random = new DeterministicRandom(seed, "staff");
        var kinds = force.UnitKinds.ToList();
        var regionKind = kinds.IndexOf(force.ReferenceUnitKind) > 0 ? kinds[kinds.IndexOf(force.ReferenceUnitKind) - 1] : null;
        var staff = new List<PlannedStaff>();

        void Add(PlannedUnit unit, string suffix, string role)
        {
            var female = random.Chance(0.15);
            var name = $"{random.Pick(female ? NamePool.FemaleGivenNames : NamePool.MaleGivenNames)} {random.Pick(NamePool.FamilyNames)}";
            Span<byte> secret = stackalloc byte[20];
            random.NextBytes(secret);
            var createdAt = Epoch.AddSeconds(-random.Next(5 * 365 * 24 * 3600));
            staff.Add(new PlannedStaff(random.NextGuid(), $"{StaffUserPrefix}{unit.Code.ToLowerInvariant()}.{suffix}", name,
                unit.Code, unit.Path, role, Base32Encoding.ToString(secret.ToArray()), createdAt));
        }

        foreach (var unit in units)
        {
            if (unit.ParentCode is null)
            {
                Add(unit, "ig", Roles.Ig);
                Add(unit, "auditor", Roles.Auditor);
                Add(unit, "admin", Roles.Administrator);
            }
            else if (unit.Kind == regionKind)
            {
                Add(unit, "rpo", Roles.Rpo);
            }
            else if (unit.Kind == force.ReferenceUnitKind)
            {
                Add(unit, "dpo", Roles.Dpo);
                Add(unit, "safecity", Roles.SafeCityOperator);
            }
            else if (unit.Kind == force.StationUnitKind)
            {
                for (var n = 1; n <= scale.StaffPerStation; n++)
                {
                    Add(unit, n.ToString("00", CultureInfo.InvariantCulture), n == 1 ? Roles.Sho : random.Pick(StationRoles));
                }
            }
        }

        return staff;
    }

    /// <summary>
    /// Persons with fake names and CNIC-shaped national IDs: province digit 3, a four-digit area
    /// per district, a serial permuted so that IDs are unique but not in order, and a last digit
    /// odd for men and even for women, as on a real card.
    /// </summary>
    public IEnumerable<PlannedPerson> Persons()
    {
        const int SerialSpace = 10_000_000;
        const long SerialStride = 7_654_321; // coprime with 10^7, so serial -> slot is a bijection
        var random = new DeterministicRandom(Seed, "persons");
        var serials = new int[Districts.Count];
        // Each district's serials start at a different place, so no two areas share an obvious pattern.
        var offsets = Districts.Select(_ => (long)random.Next(SerialSpace)).ToArray();
        var areaStep = 9000 / Math.Max(1, Districts.Count);
        for (long i = 0; i < PersonCount; i++)
        {
            var districtIndex = random.Next(Districts.Count);
            var serial = serials[districtIndex]++;
            if (serial >= SerialSpace)
            {
                throw new InvalidOperationException("More persons per district than the national-ID space holds.");
            }

            var slot = ((serial * SerialStride) + offsets[districtIndex]) % SerialSpace;
            var female = random.Chance(0.49);
            var lastDigit = female ? 2 * random.Next(5) : (2 * random.Next(5)) + 1;
            var area = 1000 + (districtIndex * areaStep);
            var nationalId = string.Create(CultureInfo.InvariantCulture, $"3{area:0000}{slot:0000000}{lastDigit}");

            var family = random.Pick(NamePool.FamilyNames);
            var father = $"{GivenNames(random, female: false)} {family}";
            var ownFamily = random.Chance(0.85) ? family : random.Pick(NamePool.FamilyNames);
            var name = $"{GivenNames(random, female)} {ownFamily}";
            var birthYear = random.Next(1950, 2008);
            yield return new PlannedPerson(nationalId, name, father, female ? "F" : "M", birthYear, Districts[districtIndex].Code);
        }
    }

    private static string GivenNames(DeterministicRandom random, bool female)
    {
        var pool = female ? NamePool.FemaleGivenNames : NamePool.MaleGivenNames;
        var first = random.Pick(pool);
        return random.Chance(0.3) ? $"{first} {random.Pick(pool)}" : first;
    }

    /// <summary>SHA-256 over every planned row in a fixed text form: equal digests mean identical data.</summary>
    public string ComputeDigest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Line(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        foreach (var u in Units)
        {
            Line($"unit|{u.Code}|{u.Name}|{u.Kind}|{u.ParentCode}|{u.Path}|{u.Depth}|{u.ShortCode}|{u.SortOrder}");
        }

        foreach (var s in Staff)
        {
            Line($"staff|{s.Id}|{s.UserName}|{s.DisplayName}|{s.UnitCode}|{s.UnitPath}|{s.Role}|{s.TotpSecret}|{s.CreatedAt.UtcTicks}");
        }

        foreach (var p in Persons())
        {
            Line($"person|{p.NationalId}|{p.Name}|{p.ParentName}|{p.Gender}|{p.BirthYear}|{p.District}");
        }

        if (Scale.ServiceRequests > 0)
        {
            foreach (var r in new ServiceRequestPlan(this).Rows())
            {
                Line(string.Create(CultureInfo.InvariantCulture,
                    $"request|{r.Id}|{r.Reference}|{r.ServiceCode}|{r.UnitCode}|{r.UnitPath}|{r.Channel}|{r.NationalId}|{r.Name}|{r.ParentName}|{r.Phone}|{r.Status}|{r.SubmittedAt.UtcTicks}|{r.DueAt.UtcTicks}|{r.ClosedAt?.UtcTicks}|{r.BreachedAt?.UtcTicks}|{r.FeeAmount}|{r.FeeCurrency}|{r.RejectionReason}|{r.CorrectionNote}|{r.RecordCheckHit}|{r.RecordCheckSummary}|{r.Version}"));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
