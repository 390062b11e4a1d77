namespace Nigehban.Web.Platform.Storage;

/// <summary>A file of the instance that holds a secret (demo logins, a demo registrar's key): readable and writable by its owner only.</summary>
public static class OwnerOnlyFile
{
    public static async Task WriteAsync(string path, string contents, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, contents, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
