namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// The axe findings the suite accepts, each with the reason. Keep it short: a finding belongs here
/// only when the page is right and the rule cannot tell (say why), never to get a build green.
/// </summary>
public static class AccessibilityAllowList
{
    private static readonly IReadOnlyList<AllowedFinding> Allowed =
    [
    ];

    public static bool Excuses(AccessibilityFinding finding) =>
        Allowed.Any(e => e.Rule == finding.Rule && finding.Targets.All(t => t.Contains(e.TargetContains, StringComparison.Ordinal)));

    /// <param name="Rule">the axe rule id</param>
    /// <param name="TargetContains">every offending element's selector contains this</param>
    /// <param name="Why">why the page is right although the rule fires</param>
    private sealed record AllowedFinding(string Rule, string TargetContains, string Why);
}
