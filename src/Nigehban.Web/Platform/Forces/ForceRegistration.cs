using Nigehban.Web.Platform.Cli;

namespace Nigehban.Web.Platform.Forces;

public static class ForceRegistration
{
    /// <summary>
    /// Registers the configured force pack (<c>Force</c> = the name of a folder under <c>forces/</c>, or a folder path; appsettings.json names the default).
    /// Loaded lazily so that verbs which do not need it (such as <c>force validate</c> of another folder) still run.
    /// </summary>
    public static IServiceCollection AddForcePack(this IServiceCollection services)
    {
        services.AddSingleton(sp => ForcePackLoader.Load(LocatePack(sp.GetRequiredService<IConfiguration>()["Force"]
            ?? throw new ForcePackException("Force", 0, "no force configured: set Force to a pack name under forces/ or to a pack folder"))));
        services.AddSingleton(sp => sp.GetRequiredService<ForcePack>().Calendar);
        services.AddCliVerb<ValidateForcePackVerb>();
        return services;
    }

    /// <summary>A name is looked up under <c>forces/</c> in the working directory, then beside the binary.</summary>
    public static string LocatePack(string nameOrPath)
    {
        if (Directory.Exists(nameOrPath) && File.Exists(Path.Combine(nameOrPath, "force.json")))
        {
            return nameOrPath;
        }

        string[] roots = [Path.Combine(Directory.GetCurrentDirectory(), "forces"), Path.Combine(AppContext.BaseDirectory, "forces")];
        foreach (var root in roots)
        {
            var candidate = Path.Combine(root, nameOrPath);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Directory.Exists(nameOrPath))
        {
            return nameOrPath; // the loader names the missing force.json
        }

        // A typo in Force= should say what exists rather than "folder not found".
        var available = roots.Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Where(d => File.Exists(Path.Combine(d, "force.json")))
            .Select(Path.GetFileName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        throw new ForcePackException(nameOrPath, 0, $"no force pack folder or name '{nameOrPath}' (packs available: {string.Join(", ", available)})");
    }
}
