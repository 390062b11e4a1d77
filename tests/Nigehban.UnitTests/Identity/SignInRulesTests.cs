using Microsoft.AspNetCore.DataProtection;
using Nigehban.Web.Features.Identity;
using OtpNet;
using Shouldly;

namespace Nigehban.UnitTests.Identity;

public sealed class SignInRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 15, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string CodeAt(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    [Theory]
    [InlineData(0, true)]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-90, false)]
    [InlineData(90, false)]
    public void Totp_AcceptsOneStepEitherSide_AndNoMore(int offsetSeconds, bool accepted)
    {
        var totp = new TotpSecrets(new EphemeralDataProtectionProvider(), new FixedClock(At));
        var secret = TotpSecrets.NewSecret();

        totp.Verify(totp.Protect(secret), CodeAt(secret, At.AddSeconds(offsetSeconds)), out _).ShouldBe(accepted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Totp_RejectsMalformedCodes(string? code)
    {
        var totp = new TotpSecrets(new EphemeralDataProtectionProvider(), new FixedClock(At));

        totp.Verify(totp.Protect(TotpSecrets.NewSecret()), code, out _).ShouldBeFalse();
    }

    [Fact]
    public void Totp_SecretIsStoredEncrypted()
    {
        var totp = new TotpSecrets(new EphemeralDataProtectionProvider(), new FixedClock(At));
        var secret = TotpSecrets.NewSecret();

        var stored = totp.Protect(secret);

        stored.ShouldNotContain(secret);
        totp.Unprotect(stored).ShouldBe(secret);
    }

    [Theory]
    [InlineData("/console/cases/7?tab=diary", "/console/cases/7?tab=diary")]
    [InlineData("/", "/")]
    [InlineData(null, "/console")]
    [InlineData("", "/console")]
    [InlineData("console", "/console")]
    [InlineData("https://evil.example/", "/console")]
    [InlineData("//evil.example/", "/console")]
    [InlineData("/\\evil.example/", "/console")]
    [InlineData("/\t/evil.example/", "/console")]
    [InlineData("/\r\n/evil.example/", "/console")]
    [InlineData("/console\\..\\..\\x", "/console")]
    public void SafeReturnUrl_KeepsOnlyLocalPaths(string? returnUrl, string expected) =>
        AuthEndpoints.SafeReturnUrl(returnUrl).ShouldBe(expected);
}
