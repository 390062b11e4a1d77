namespace Nigehban.IntegrationTests.Infrastructure;

/// <summary>A test's temporary folder, removed after it.</summary>
internal static class TestDirectory
{
    /// <summary>
    /// Removes the folder if it can. A file still held open, or one written by a background pass
    /// finishing as the host stops, leaves it for the OS to clean: a test is not about its clean-up.
    /// </summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
