using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Nigehban.Web.Features.Identity;

/// <summary>Creates, protects and checks TOTP secrets (RFC 6238: SHA-1, 6 digits, 30 seconds, as authenticator apps expect).</summary>
public sealed class TotpSecrets(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Nigehban.Identity.Totp.v1");

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string Protect(string base32Secret) => _protector.Protect(base32Secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>
    /// Accepts the current code and one step either side, to allow for clock drift, and gives the
    /// time step the code belongs to: a sign-in refuses a step at or before the last one used, so a
    /// code seen over a shoulder or in a proxy log cannot be replayed within its window.
    /// </summary>
    public bool Verify(string protectedSecret, string? code, out long timeStep)
    {
        timeStep = 0;
        if (string.IsNullOrWhiteSpace(code) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(Unprotect(protectedSecret)));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out timeStep, new VerificationWindow(previous: 1, future: 1));
    }

    /// <summary>The current code for a plain secret (demo tooling and tests).</summary>
    public string CurrentCode(string base32Secret) =>
        new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    public static string ProvisioningUri(string issuer, string userName, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(userName)}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}";
}
