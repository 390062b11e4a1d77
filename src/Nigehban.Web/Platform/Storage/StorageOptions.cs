namespace Nigehban.Web.Platform.Storage;

/// <summary>
/// Where the instance keeps its files: the SQLite database, demo logins, outbox channel files,
/// audit checkpoints and data-protection keys. Relative to the working directory, so two folders
/// give two independent instances.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataDirectory { get; set; } = "data";

    public string Resolve(params string[] parts) => Path.GetFullPath(Path.Combine([DataDirectory, .. parts]));
}
