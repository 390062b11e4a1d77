using System.Security.Cryptography;
using System.Text.Json;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Platform.Protection;

/// <summary>
/// The keys that encrypt protected fields (mechanism 10, ADR-060). They live in a file outside the
/// database — configuration <c>Protection:KeyFile</c>, else <c>keys/field-encryption-keys.json</c> in the
/// data folder, created on first start readable by the service account only — so a copy of the
/// database alone reads nothing. Each ciphertext names its key, so a new current key can be added
/// (<c>protection rotate-key</c>) while older ciphertexts still open with the key they were sealed with.
/// </summary>
public sealed class FieldKeyRing
{
    public const string KeyFileSetting = "Protection:KeyFile";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();
    private Dictionary<string, byte[]> _keys;
    private string _current;

    public FieldKeyRing(IConfiguration configuration, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        FilePath = configuration[KeyFileSetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : storage.Resolve("keys", "field-encryption-keys.json");
        if (File.Exists(FilePath))
        {
            (_current, _keys) = Read(FilePath);
        }
        else
        {
            _current = NewKeyId();
            _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [_current] = RandomNumberGenerator.GetBytes(32) };
            Write();
        }
    }

    /// <summary>Where the keys are kept (never inside the database).</summary>
    public string FilePath { get; }

    /// <summary>The key new ciphertexts are sealed with, and its id.</summary>
    public (string Id, byte[] Key) Current
    {
        get
        {
            lock (_gate)
            {
                return (_current, _keys[_current]);
            }
        }
    }

    /// <summary>The key a ciphertext names, or null when this ring does not hold it.</summary>
    public byte[]? Find(string keyId)
    {
        lock (_gate)
        {
            return _keys.GetValueOrDefault(keyId);
        }
    }

    /// <summary>Adds a new key and makes it current; older keys stay to open what they sealed. Returns the new key's id.</summary>
    public string Rotate()
    {
        lock (_gate)
        {
            var id = NewKeyId();
            _keys = new Dictionary<string, byte[]>(_keys, StringComparer.Ordinal) { [id] = RandomNumberGenerator.GetBytes(32) };
            _current = id;
            Write();
            return id;
        }
    }

    private void Write()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var file = new KeyFile(_current, _keys.ToDictionary(k => k.Key, k => Convert.ToBase64String(k.Value), StringComparer.Ordinal));
        var temporary = FilePath + ".new";
        // Restrict the file before the keys are in it, so that there is no moment it is readable by others.
        File.WriteAllText(temporary, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(temporary, JsonSerializer.Serialize(file, Json));
        File.Move(temporary, FilePath, overwrite: true);
    }

    private static (string Current, Dictionary<string, byte[]> Keys) Read(string path)
    {
        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: the field encryption key file is not valid JSON ({e.Message}).", e);
        }

        if (file?.Keys is not { Count: > 0 } || file.Current is null || !file.Keys.ContainsKey(file.Current))
        {
            throw new InvalidOperationException($"{path}: the field encryption key file names no current key.");
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, text) in file.Keys)
        {
            var key = Convert.FromBase64String(text);
            keys[id] = key.Length == 32 ? key : throw new InvalidOperationException($"{path}: key '{id}' is not 256 bits.");
        }

        return (file.Current, keys);
    }

    /// <summary>Short and without the separator of a ciphertext (':').</summary>
    private static string NewKeyId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private sealed record KeyFile(string? Current, Dictionary<string, string>? Keys);
}
