namespace Nigehban.UnitTests;

/// <summary>The force packs shipped beside the app binary (copied from forces/ by the build).</summary>
public static class PackFolders
{
    public static string Punjab => Path.Combine(AppContext.BaseDirectory, "forces", "punjab");

    public static string Rwanda => Path.Combine(AppContext.BaseDirectory, "forces", "rwanda");
}
