using Microsoft.Extensions.Configuration;
using Nigehban.Web.Platform.Protection;
using Nigehban.Web.Platform.Storage;
using Shouldly;

namespace Nigehban.UnitTests.Protection;

/// <summary>Field encryption (mechanism 10): values round-trip, never appear in what is stored, are bound to their record and field, and survive a key rotation.</summary>
public sealed class FieldCipherTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nigehban-field-cipher-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FieldKeyRing Ring(string? keyFile = null) => new(
        new ConfigurationBuilder().AddInMemoryCollection(keyFile is null ? [] : [new(FieldKeyRing.KeyFileSetting, keyFile)]).Build(),
        new StorageOptions { DataDirectory = _folder });

    [Fact]
    public void ASealedValue_OpensToItsPlaintext_AndCarriesNoneOfIt()
    {
        var cipher = new FieldCipher(Ring());
        var sealedValue = cipher.Seal("Generated Canary Zubaida", "case/1/name");

        sealedValue.ShouldStartWith("f1:");
        sealedValue.ShouldNotContain("Canary");
        cipher.Open(sealedValue, "case/1/name").ShouldBe("Generated Canary Zubaida");
        // A fresh nonce each time: the same name twice is two different ciphertexts.
        cipher.Seal("Generated Canary Zubaida", "case/1/name").ShouldNotBe(sealedValue);
    }

    [Fact]
    public void AValueMovedToAnotherRecordOrField_OrAltered_DoesNotOpen()
    {
        var cipher = new FieldCipher(Ring());
        var sealedValue = cipher.Seal("Generated statement", "case/1/statement");

        Should.Throw<FieldCipherException>(() => cipher.Open(sealedValue, "case/2/statement"));
        Should.Throw<FieldCipherException>(() => cipher.Open(sealedValue, "case/1/name"));
        var altered = sealedValue[..^4] + (sealedValue[^4] == 'A' ? 'B' : 'A') + sealedValue[^3..];
        Should.Throw<FieldCipherException>(() => cipher.Open(altered, "case/1/statement"));
    }

    [Fact]
    public void TheKeyFile_IsCreatedOutsideTheDatabase_ReadableByTheOwnerOnly_AndKeptAcrossStarts()
    {
        var ring = Ring();
        File.Exists(ring.FilePath).ShouldBeTrue();
        ring.FilePath.ShouldStartWith(Path.GetFullPath(_folder));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(ring.FilePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var sealedValue = new FieldCipher(ring).Seal("Generated address", "case/3/address");
        new FieldCipher(Ring()).Open(sealedValue, "case/3/address").ShouldBe("Generated address");
    }

    [Fact]
    public void AfterARotation_NewValuesUseTheNewKey_AndOldValuesStillOpen()
    {
        var ring = Ring();
        var cipher = new FieldCipher(ring);
        var before = cipher.Seal("Generated contact", "case/4/contact");
        var newKey = ring.Rotate();

        var after = cipher.Seal("Generated contact", "case/4/contact");
        FieldCipher.KeyIdOf(after).ShouldBe(newKey);
        FieldCipher.KeyIdOf(before).ShouldNotBe(newKey);
        new FieldCipher(Ring()).Open(before, "case/4/contact").ShouldBe("Generated contact");
        new FieldCipher(Ring()).Open(after, "case/4/contact").ShouldBe("Generated contact");
    }

    [Fact]
    public void AConfiguredKeyFile_IsUsed_AndAValueSealedWithAnotherRingsKey_DoesNotOpen()
    {
        var elsewhere = Path.Combine(_folder, "elsewhere", "keys.json");
        var configured = Ring(elsewhere);
        configured.FilePath.ShouldBe(Path.GetFullPath(elsewhere));
        var sealedValue = new FieldCipher(configured).Seal("Generated name", "case/5/name");

        Should.Throw<FieldCipherException>(() => new FieldCipher(Ring()).Open(sealedValue, "case/5/name"));
    }
}
