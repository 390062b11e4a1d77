namespace Nigehban.Web.Platform.Forces;

public static class ForceRegistration
{
    /// <summary>
    /// Registers the configured force pack (<c>Force</c> = a pack name such as <c>punjab</c>, or a folder path).
    /// Loaded lazily so that verbs which do not need it (such as <c>force validate</c> of another folder) still run.
    /// </summary>
    public static IServiceCollection AddForcePack(this IServiceCollection services)
    {
        services.AddSingleton(sp => ForcePackLoader.Load(LocatePack(sp.GetRequiredService<IConfiguration>()["Force"] ?? "punjab")));
        services.AddSingleton(sp => sp.GetRequiredService<ForcePack>().Calendar);
        return services;
    }

    /// <summary>A name is looked up under <c>forces/</c> in the working directory, then beside the binary.</summary>
    public static string LocatePack(string nameOrPath)
    {
        if (Directory.Exists(nameOrPath) && File.Exists(Path.Combine(nameOrPath, "force.json")))
        {
            return nameOrPath;
        }

        foreach (var root in new[] { Path.Combine(Directory.GetCurrentDirectory(), "forces"), Path.Combine(AppContext.BaseDirectory, "forces") })
        {
            var candidate = Path.Combine(root, nameOrPath);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return nameOrPath;
    }
}
