using System.Security.Cryptography;
using System.Text;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Web.Platform.Documents;

/// <summary>
/// Signs the fields of issued documents with ECDSA P-256, so the QR code on a certificate proves the
/// fields it was issued with. The private key is a PEM file under <c>data/keys/</c>, outside the
/// database, created on first use; a force deploying for real installs its own key there.
/// </summary>
public sealed class DocumentSigner : IDisposable
{
    private readonly ECDsa _key;

    public DocumentSigner(StorageOptions storage)
    {
        var path = storage.Resolve("keys", "document-signing-key.pem");
        _key = ECDsa.Create();
        if (File.Exists(path))
        {
            _key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            _key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, _key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    /// <summary>Signature over the canonical form of the fields, base64url without padding (fits a QR URL).</summary>
    public string Sign(IEnumerable<string> fields) => Base64Url(_key.SignData(Canonical(fields), HashAlgorithmName.SHA256));

    public bool Verify(IEnumerable<string> fields, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 200)
        {
            return false;
        }

        try
        {
            return _key.VerifyData(Canonical(fields), FromBase64Url(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The public key, so a third party can verify documents offline.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => _key.Dispose();

    private static byte[] Canonical(IEnumerable<string> fields) => Encoding.UTF8.GetBytes(string.Join('\u001f', fields));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
