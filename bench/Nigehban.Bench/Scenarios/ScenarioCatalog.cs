namespace Nigehban.Bench.Scenarios;

/// <summary>Every scenario the bench knows. Later modules add theirs here (dashboard...).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> Create() =>
    [
        new UnitsScenario(),
        new SubmissionScenario(),
        new TrackingScenario(),
        new DashboardScenario(),
        new ComplaintIntakeScenario(),
        new ComplaintTrackingScenario(),
        new IncidentImportScenario(),
        new PersonSearchScenario(),
        new FirRegistrationScenario(),
        new ProtectionCaseScenario(),
    ];
}
