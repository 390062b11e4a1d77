using System.Text.RegularExpressions;
using Nigehban.Bench.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.UnitTests.Bench;

/// <summary>The bench generator: same seed, same data, and data the app would accept.</summary>
public sealed class BenchPlanTests
{
    private static readonly ForcePack Punjab = ForcePackLoader.Load(PackFolders.Punjab);
    private static readonly Scale Tiny = Scale.Small with { Persons = 20_000 };

    [Fact]
    public void Plan_IsIdentical_WhenSeedIsTheSame()
    {
        var first = BenchPlan.Create(Punjab, Tiny, seed: 42).ComputeDigest();
        var second = BenchPlan.Create(Punjab, Tiny, seed: 42).ComputeDigest();

        second.ShouldBe(first);
    }

    [Fact]
    public void Plan_Differs_WhenSeedDiffers() =>
        BenchPlan.Create(Punjab, Tiny, seed: 43).ComputeDigest().ShouldNotBe(BenchPlan.Create(Punjab, Tiny, seed: 42).ComputeDigest());

    /// <summary>
    /// Pins the generator's output across machines and .NET versions. When a change to the
    /// generator makes this fail on purpose, bump BenchPlan.GeneratorVersion (so existing bench
    /// databases regenerate) and pin the new values. Persons depend only on the seed and the
    /// district list, not on the pack's sample stations, so editing those does not break this.
    /// </summary>
    [Fact]
    public void Persons_MatchPinnedValues_ForGeneratorVersion1()
    {
        BenchPlan.GeneratorVersion.ShouldBe(1);
        new DeterministicRandom(42, "staff").NextUInt64().ShouldBe(5839436085890194592UL);
        var persons = BenchPlan.Create(Punjab, Tiny, seed: 42).Persons().Take(2).ToList();
        persons.ShouldBe(
        [
            new PlannedPerson("3570888176056", "Mahnoor Gondal", "Zeeshan Ansari", "F", 1980, "JHG"),
            new PlannedPerson("3699262259660", "Anum Chaudhry", "Zeeshan Chaudhry", "F", 1986, "MLT"),
        ]);
    }

    [Fact]
    public void Persons_HaveUniqueNationalIds_InTheForcesNormalisedForm()
    {
        var persons = BenchPlan.Create(Punjab, Tiny, seed: 7).Persons().ToList();

        persons.Count.ShouldBe(20_000);
        persons.Select(p => p.NationalId).Distinct().Count().ShouldBe(persons.Count);
        persons.ShouldAllBe(p => Punjab.NationalId.Normalise(p.NationalId) == p.NationalId);
        // On a CNIC the last digit is odd for men and even for women.
        persons.ShouldAllBe(p => (p.NationalId[12] - '0') % 2 == (p.Gender == "M" ? 1 : 0));
    }

    [Fact]
    public void MediumScale_AddsSyntheticStations_UnderEveryDistrict_ToAbout700()
    {
        var plan = BenchPlan.Create(Punjab, Scale.Medium with { Persons = 1 }, seed: 42);
        var byCode = plan.Units.ToDictionary(u => u.Code);

        plan.StationCount.ShouldBeInRange(700, 760);
        plan.Units.Select(u => u.Code).Distinct().Count().ShouldBe(plan.Units.Count);
        foreach (var unit in plan.Units.Where(u => u.ParentCode is not null))
        {
            var parent = byCode[unit.ParentCode!];
            unit.Path.ShouldBe($"{parent.Path}{unit.Code}/");
            unit.Depth.ShouldBe(Punjab.UnitKinds.ToList().IndexOf(unit.Kind));
        }

        plan.Districts.ShouldAllBe(d => plan.Units.Count(u => u.Kind == "station" && u.Path.StartsWith(d.Path)) >= 16);
    }

    [Fact]
    public void SmallScale_KeepsThePacksOwnUnits_InPackOrder()
    {
        var plan = BenchPlan.Create(Punjab, Tiny, seed: 42);

        plan.Units.Select(u => u.Code).ShouldBe(Punjab.Units.Select(u => u.Code));
        plan.Units.Select(u => u.SortOrder).ShouldBe(Enumerable.Range(0, Punjab.Units.Count));
    }

    [Fact]
    public void Staff_HaveUniqueValidUserNames_AnShoAtEveryStation_AndKnownRoles()
    {
        var plan = BenchPlan.Create(Punjab, Tiny, seed: 42);
        var valid = new Regex("^[a-z0-9._-]{3,64}$");

        plan.Staff.Select(s => s.UserName).Distinct().Count().ShouldBe(plan.Staff.Count);
        plan.Staff.Select(s => s.Id).Distinct().Count().ShouldBe(plan.Staff.Count);
        plan.Staff.ShouldAllBe(s => valid.IsMatch(s.UserName) && Roles.IsKnown(s.Role));
        plan.Units.Where(u => u.Kind == "station")
            .ShouldAllBe(station => plan.Staff.Count(s => s.UnitCode == station.Code && s.Role == Roles.Sho) == 1);
        plan.Staff.Count(s => s.Role == Roles.Dpo).ShouldBe(plan.Districts.Count);
    }
}
