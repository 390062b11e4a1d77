using System.Globalization;
using Nigehban.Bench.Data;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Bench;

/// <summary>The command line: a verb, then <c>--name value</c> options.</summary>
public sealed class BenchOptions
{
    public required string Verb { get; init; }
    public Scale Scale { get; init; } = Scale.Small;
    public int Seed { get; init; } = 42;
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
    public string? Connection { get; init; }
    public string? DataDirectory { get; init; }
    public string? Scenario { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int Clients { get; init; } = 32;

    /// <summary>Whether <c>--clients</c> was given; when not, a scenario may use its own default.</summary>
    public bool ClientsGiven { get; init; }
    public int Repeats { get; init; } = 3;
    public int Rounds { get; init; } = 1;

    /// <summary><c>--rate</c>: the rate at which a scenario with a latency budget measures it (null: the budget's own rate).</summary>
    public double? Rate { get; init; }
    public bool Regenerate { get; init; }

    /// <summary>These options with another number of clients (a scenario's own default).</summary>
    public BenchOptions WithClients(int clients) => clients == Clients ? this : new BenchOptions
    {
        Verb = Verb, Scale = Scale, Seed = Seed, Provider = Provider, Connection = Connection, DataDirectory = DataDirectory,
        Scenario = Scenario, Duration = Duration, Warmup = Warmup, Clients = clients, ClientsGiven = ClientsGiven,
        Repeats = Repeats, Rounds = Rounds, Rate = Rate, Regenerate = Regenerate,
    };

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new BenchUsageException("a verb is required");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchUsageException($"unexpected '{name}'");
            }

            if (name == "--regenerate")
            {
                flags.Add(name);
            }
            else if (i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new BenchUsageException($"{name} needs a value");
            }
        }

        var known = new[] { "--scale", "--seed", "--provider", "--connection", "--data-dir", "--scenario", "--duration", "--warmup", "--clients", "--persons", "--requests", "--repeat", "--rounds", "--rate" };
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new BenchUsageException($"unknown option {unknown}");
        }

        var scale = values.TryGetValue("--scale", out var scaleName)
            ? Scale.Find(scaleName) ?? throw new BenchUsageException($"unknown scale '{scaleName}' (small, medium, large, province-decade)")
            : Scale.Small;
        if (values.TryGetValue("--persons", out var persons))
        {
            scale = scale with { Persons = PositiveLong("--persons", persons) };
        }

        if (values.TryGetValue("--requests", out var requests))
        {
            scale = scale with { ServiceRequests = PositiveLong("--requests", requests) };
        }

        return new BenchOptions
        {
            Verb = args[0],
            Scale = scale,
            Seed = values.TryGetValue("--seed", out var seed) ? PositiveInt("--seed", seed) : 42,
            Provider = values.TryGetValue("--provider", out var provider) ? ParseProvider(provider) : DatabaseProvider.Sqlite,
            Connection = values.GetValueOrDefault("--connection"),
            DataDirectory = values.GetValueOrDefault("--data-dir"),
            Scenario = values.GetValueOrDefault("--scenario"),
            Duration = values.TryGetValue("--duration", out var duration) ? ParseDuration("--duration", duration) : TimeSpan.FromSeconds(10),
            Warmup = values.TryGetValue("--warmup", out var warmup) ? ParseDuration("--warmup", warmup) : TimeSpan.FromSeconds(3),
            Clients = values.TryGetValue("--clients", out var clients) ? PositiveInt("--clients", clients) : 32,
            ClientsGiven = values.ContainsKey("--clients"),
            Repeats = values.TryGetValue("--repeat", out var repeat) ? PositiveInt("--repeat", repeat) : 3,
            Rounds = values.TryGetValue("--rounds", out var rounds) ? PositiveInt("--rounds", rounds) : 1,
            Rate = values.TryGetValue("--rate", out var rate) ? PositiveInt("--rate", rate) : null,
            Regenerate = flags.Contains("--regenerate"),
        };
    }

    private static DatabaseProvider ParseProvider(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new BenchUsageException($"unknown provider '{value}' (sqlite, postgres)"),
    };

    private static long PositiveLong(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= int.MaxValue * 100L
            ? n
            : throw new BenchUsageException($"{name} must be a positive whole number, not '{value}'");

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new BenchUsageException($"{name} must be a positive whole number, not '{value}'");

    /// <summary>Accepts <c>10s</c>, <c>500ms</c>, <c>2m</c> or a plain number of seconds.</summary>
    public static TimeSpan ParseDuration(string name, string value)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? TimeSpan.FromSeconds(n * unit)
            : throw new BenchUsageException($"{name} must be a duration such as 10s, 500ms or 2m, not '{value}'");
    }
}
