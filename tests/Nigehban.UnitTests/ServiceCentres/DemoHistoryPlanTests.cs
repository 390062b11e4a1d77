using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Features.ServiceCentres.SeedDemoHistory;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;
using Shouldly;

namespace Nigehban.UnitTests.ServiceCentres;

public sealed class DemoHistoryPlanTests
{
    public static TheoryData<string> Packs => [PackFolders.Punjab, PackFolders.Rwanda];

    [Theory]
    [MemberData(nameof(Packs))]
    public void SameSeedAndDays_GiveTheSameHistory_OfInventedPeopleTheRuleAccepts(string folder)
    {
        var force = ForcePackLoader.Load(folder);
        var first = Generate(force);
        var second = Generate(force);

        first.Count.ShouldBeGreaterThan(50);
        second.Select(Describe).ShouldBe(first.Select(Describe));
        first.ShouldAllBe(a => a.Request.Applicant.Name.StartsWith("Demo ", StringComparison.Ordinal));
        first.ShouldAllBe(a => force.NationalId.Normalise(a.Request.Applicant.NationalId) == a.Request.Applicant.NationalId);
        first.Where(a => a.Token is not null).ShouldAllBe(a => a.Request.Channel == ServiceChannel.Counter);
    }

    private static List<DemoApplication> Generate(ForcePack force)
    {
        var catalogue = new ServiceCatalogue(force);
        var deadlines = new DeadlineCalculator(force);
        var plan = new DemoHistoryPlan(force, catalogue, (start, sla) => deadlines.DueAt(start, Deadline.Parse(sla)));
        var district = new UnitInfo("D1", "Demo district", force.ReferenceUnitKind, null, "/D1/", 1, "DX");
        var centre = new UnitInfo("D1-S1", "Demo station", force.StationUnitKind, "D1", "/D1/D1-S1/", 2, null);
        var now = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
        return [.. plan.ForDistrict(district, [centre], new DateOnly(2025, 12, 7), new DateOnly(2026, 12, 6), now)];
    }

    private static string Describe(DemoApplication a) =>
        $"{a.Request.ServiceCode} {a.Request.Channel} {a.Request.SubmittedAt:O} {a.Request.Status} {a.Request.BreachedAt:O} {a.Request.Applicant.Name} {a.Request.Applicant.NationalId} {a.Token?.Number} {a.Payment?.Amount}";
}
