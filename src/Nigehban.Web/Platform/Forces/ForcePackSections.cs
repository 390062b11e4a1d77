namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// A module's own file in the pack (<c>services.json</c>, say). <c>force validate</c> checks it
/// like the core files, so a mistake in it is named by file and line before anything starts.
/// Implementations need a parameterless constructor; they are found in the app's assembly, so the
/// platform names no module.
/// </summary>
public interface IForcePackSection
{
    /// <summary>Throws <see cref="ForcePackException"/> with the file and line of the first mistake.</summary>
    void Check(ForcePack pack);
}

/// <summary>Loads a pack and checks every module's file in it: what <c>force validate</c> runs.</summary>
public static class ForcePackValidation
{
    private static readonly Lazy<IForcePackSection[]> Sections = new(() =>
        [.. typeof(IForcePackSection).Assembly.GetTypes()
            .Where(t => typeof(IForcePackSection).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IForcePackSection)Activator.CreateInstance(t)!)]);

    public static ForcePack LoadAndCheck(string folder)
    {
        var pack = ForcePackLoader.Load(folder);
        foreach (var section in Sections.Value)
        {
            section.Check(pack);
        }

        return pack;
    }
}
