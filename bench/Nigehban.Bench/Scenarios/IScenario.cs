using Nigehban.Bench.Reporting;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// One thing the bench measures, with its ceiling. A module adds a scenario by writing one class
/// and listing it in <see cref="ScenarioCatalog"/>; the runner generates the data, starts the app,
/// and prints whatever results the scenario returns.
/// </summary>
public interface IScenario
{
    /// <summary>The name given to <c>--scenario</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>help</c> and the report: what is measured, against which ceiling.</summary>
    string Measures { get; }

    /// <summary>The number of clients when <c>--clients</c> is not given (null: the bench's default).</summary>
    int? DefaultClients => null;

    /// <summary>
    /// Called before the app starts: map the ceiling endpoints this scenario needs onto the same
    /// app (for example a bare endpoint), so both sides cross the same server.
    /// </summary>
    void MapEndpoints(WebApplication app)
    {
    }

    /// <summary>Called once the app is serving: fetch what the load needs (codes, tokens), check it answers.</summary>
    Task SetupAsync(BenchContext context, CancellationToken cancellationToken);

    /// <summary>Measures; each result carries its ceiling, measured in this same run.</summary>
    Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
