namespace Nigehban.Bench.Data;

/// <summary>
/// A named size of synthetic data. <see cref="TargetStations"/> of zero keeps the force pack's own
/// stations; above that, synthetic stations are added under every district until the force has
/// about that many (Punjab has some 700 police stations). <see cref="ServiceRequests"/> service
/// applications are spread over <see cref="Years"/> whole years (see <see cref="ServiceRequestPlan"/>).
/// </summary>
public sealed record Scale(string Name, int TargetStations, int StaffPerStation, long Persons, long ServiceRequests = 0, int Years = 10)
{
    public static Scale Small { get; } = new("small", 0, 2, 100_000);

    public static Scale Medium { get; } = new("medium", 700, 5, 1_000_000);

    public static Scale Large { get; } = new("large", 700, 20, 10_000_000);

    /// <summary>The dashboard's data set: ~700 stations, ten years, ten million service applications (issue 4).</summary>
    public static Scale ProvinceDecade { get; } = new("province-decade", 700, 2, 100_000, 10_000_000);

    public static IReadOnlyList<Scale> All { get; } = [Small, Medium, Large, ProvinceDecade];

    public static Scale? Find(string name) => All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the scale is recorded in the bench database, so that a different size or seed regenerates.</summary>
    public string Describe(int seed) =>
        $"{Name} stations>={TargetStations} staff/station={StaffPerStation} persons={Persons}{(ServiceRequests > 0 ? $" requests={ServiceRequests} years={Years}" : "")} seed={seed} generator={BenchPlan.GeneratorVersion}";
}
