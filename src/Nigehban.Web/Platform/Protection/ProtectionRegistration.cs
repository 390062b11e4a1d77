using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Platform.Protection;

public static class ProtectionRegistration
{
    /// <summary>One key ring (one key file) and one cipher for every module's protected fields.</summary>
    public static IServiceCollection AddFieldEncryption(this IServiceCollection services)
    {
        services.AddSingleton<FieldKeyRing>();
        services.AddSingleton<FieldCipher>();
        // Resolved at start, so that the key file exists from the first start, not from the first protected write.
        services.AddPackFileReadAtStart<FieldKeyRing>();
        services.AddCliVerb<RotateFieldKeyVerb>();
        return services;
    }
}

/// <summary><c>protection rotate-key</c>: a new current key; values sealed before keep opening with theirs.</summary>
internal sealed class RotateFieldKeyVerb : CliVerb
{
    public override IReadOnlyList<string> Path => ["protection", "rotate-key"];

    public override string Description => "Adds a new field encryption key and makes it current (older keys stay to open older values)";

    public override VerbNeeds Needs => VerbNeeds.Services;

    public override Task<int> RunAsync(VerbRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var ring = run.Services.GetRequiredService<FieldKeyRing>();
        var id = ring.Rotate();
        Console.WriteLine($"New current field key {id} in {ring.FilePath}");
        return Task.FromResult(0);
    }
}
