using Nigehban.Bench.Data;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;
using Shouldly;

namespace Nigehban.UnitTests.Bench;

/// <summary>The province-decade service applications: deterministic, shaped as planned, and rows the app's state machine and SLA could have produced.</summary>
public sealed class ServiceRequestPlanTests
{
    private static readonly ForcePack Punjab = ForcePackLoader.Load(PackFolders.Punjab);
    private static readonly Scale Decade = Scale.ProvinceDecade with { Persons = 10, ServiceRequests = 30_000 };
    private static readonly List<PlannedServiceRequest> Rows = [.. new ServiceRequestPlan(BenchPlan.Create(Punjab, Decade, seed: 42)).Rows()];

    [Fact]
    public void Rows_AreIdentical_WhenSeedIsTheSame_AndDiffer_WhenItDiffers()
    {
        var small = Decade with { ServiceRequests = 3_000 };
        var first = BenchPlan.Create(Punjab, small, seed: 42).ComputeDigest();

        BenchPlan.Create(Punjab, small, seed: 42).ComputeDigest().ShouldBe(first);
        BenchPlan.Create(Punjab, small, seed: 43).ComputeDigest().ShouldNotBe(first);
        BenchPlan.Create(Punjab, small with { ServiceRequests = 0 }, seed: 42).ComputeDigest().ShouldNotBe(first);
    }

    /// <summary>Pins the generator's output; when a change makes this fail on purpose, bump BenchPlan.GeneratorVersion and pin the new values.</summary>
    [Fact]
    public void FirstRow_MatchesPinnedValues_ForGeneratorVersion1()
    {
        BenchPlan.GeneratorVersion.ShouldBe(1);
        var first = Rows[0];
        (first.Reference, first.ServiceCode, first.UnitCode, first.Status, first.SubmittedAt.UtcTicks)
            .ShouldBe(("PKM-LHR-16-000001-1", "learner-driving-permit", "LHR-BS11", ServiceRequestStatus.Issued, 636135768550000000L));
    }

    [Fact]
    public void Rows_HaveTheExactCount_InSubmissionOrder_WithinTenWholeYears()
    {
        Rows.Count.ShouldBe(30_000);
        Rows.Zip(Rows.Skip(1)).ShouldAllBe(p => p.First.SubmittedAt <= p.Second.SubmittedAt);
        var deadlines = new DeadlineCalculator(Punjab);
        Rows[0].SubmittedAt.ShouldBeGreaterThanOrEqualTo(deadlines.StartOfLocalDay(new DateOnly(2016, 11, 1)));
        Rows[^1].SubmittedAt.ShouldBeLessThan(deadlines.StartOfLocalDay(ServiceRequestPlan.DataEnd));
        Rows.Select(r => r.Id).Distinct().Count().ShouldBe(Rows.Count);
    }

    [Fact]
    public void References_AreUnique_AndParse_WithTheDistrictAndLocalYear()
    {
        Rows.Select(r => r.Reference).Distinct().Count().ShouldBe(Rows.Count);
        foreach (var r in Rows.Take(2_000))
        {
            ReferenceNumber.TryParse(r.Reference, out var parsed).ShouldBeTrue(r.Reference);
            parsed!.District.ShouldBe(r.ReferenceDistrict);
            parsed.Year.ShouldBe(r.ReferenceYear % 100);
            parsed.Sequence.ShouldBe(r.Sequence);
            r.UnitPath.ShouldContain($"/{r.ReferenceDistrict}/");
        }

        // Sequences of one district and year run 1, 2, 3... with no gap.
        foreach (var group in Rows.GroupBy(r => (r.ReferenceDistrict, r.ReferenceYear)))
        {
            group.Select(r => r.Sequence).ShouldBe(Enumerable.Range(1, group.Count()).Select(i => (long)i));
        }
    }

    /// <summary>Every row is a state the app's state machine and escalation job could have left.</summary>
    [Fact]
    public void Rows_AreConsistent_WithTheStateMachine_AndTheSla()
    {
        var deadlines = new DeadlineCalculator(Punjab);
        var catalogue = new ServiceCatalogue(Punjab);
        foreach (var r in Rows)
        {
            var service = catalogue.Find(r.ServiceCode).ShouldNotBeNull();
            r.DueAt.ShouldBe(deadlines.DueAt(r.SubmittedAt, Deadline.Parse(service.Sla)), r.Reference);
            r.FeeAmount.ShouldBe(service.Fee);
            service.Channels.ShouldContain(r.Channel.ToString().ToLowerInvariant());
            var closed = r.Status is ServiceRequestStatus.Issued or ServiceRequestStatus.Rejected;
            (r.ClosedAt is not null).ShouldBe(closed, r.Reference);
            if (closed)
            {
                r.ClosedAt!.Value.ShouldBeGreaterThan(r.SubmittedAt);
                // Closed late means the escalation job (every minute) marked the breach in the minute after the due instant.
                (r.BreachedAt is not null).ShouldBe(r.ClosedAt > r.DueAt, r.Reference);
            }
            else
            {
                // Still open: already past due and escalated, so the app's job has nothing to do on start.
                r.BreachedAt.ShouldNotBeNull(r.Reference);
            }

            if (r.BreachedAt is { } breached)
            {
                (breached - r.DueAt).ShouldBeInRange(TimeSpan.Zero, TimeSpan.FromMinutes(1.1));
            }

            (r.RejectionReason is not null).ShouldBe(r.Status == ServiceRequestStatus.Rejected);
            if (r.RecordCheckHit == true)
            {
                service.Checks.ShouldNotBeEmpty();
            }

            r.Version.ShouldBeInRange(r.Status == ServiceRequestStatus.Submitted ? 0 : 1, 6);
        }
    }

    [Fact]
    public void Shares_FollowPopulation_ServiceMix_AndTheWeek()
    {
        double Share(Func<PlannedServiceRequest, bool> predicate) => Rows.Count(predicate) / (double)Rows.Count;

        Share(r => r.ServiceCode == "character-certificate").ShouldBeInRange(0.26, 0.30);
        // Lahore (13 million) against Murree (0.4 million).
        Share(r => r.UnitPath.Contains("/LHR/", StringComparison.Ordinal)).ShouldBeInRange(0.09, 0.11);
        Share(r => r.UnitPath.Contains("/MRE/", StringComparison.Ordinal)).ShouldBeLessThan(0.006);
        var local = Rows.Select(r => TimeZoneInfo.ConvertTime(r.SubmittedAt, Punjab.TimeZone)).ToList();
        local.Count(t => t.DayOfWeek == DayOfWeek.Monday).ShouldBeGreaterThan(3 * local.Count(t => t.DayOfWeek == DayOfWeek.Sunday));
        local.ShouldAllBe(t => t.Hour >= 8 && t.Hour < 20);
        // Growth: the last year has more than twice the first.
        Rows.Count(r => r.SubmittedAt.Year == 2025).ShouldBeGreaterThan(2 * Rows.Count(r => r.SubmittedAt.Year == 2017));
    }
}
