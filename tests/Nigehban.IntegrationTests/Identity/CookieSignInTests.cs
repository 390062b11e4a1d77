using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Identity;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>The browser's path: the login form posts to /account/login and gets the session cookie.</summary>
public abstract class CookieSignInTests(NigehbanApp app)
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static FormUrlEncodedContent Form(string userName, string password, string otp, string? returnUrl) =>
        new(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["otp"] = otp,
            ["returnUrl"] = returnUrl ?? string.Empty,
        });

    /// <summary>An account of the test's own: a TOTP code is accepted once, so tests do not share demo accounts' codes.</summary>
    private async Task<TestStaff> OwnAccountAsync() => await app.CreateStaffAsync(await app.SignInAsync("admin"));

    [Fact]
    public async Task Login_SetsHttpOnlyStrictCookie_RedirectsToReturnUrl_AndCookieAuthenticates()
    {
        var dpo = await OwnAccountAsync();
        var browser = Browser();

        var response = await browser.PostAsync("/account/login", Form(dpo.UserName, dpo.Password, Otp(dpo.TotpSecret, DateTimeOffset.UtcNow), "/console/units?x=1"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/console/units?x=1");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionAuthenticationHandler.CookieName + "=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);

        (await browser.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_RedirectsBackToLoginWithoutCookie_WhenCredentialsWrong()
    {
        var dpo = await OwnAccountAsync();
        var browser = Browser();

        var response = await browser.PostAsync("/account/login", Form(dpo.UserName, "wrong-password", Otp(dpo.TotpSecret, DateTimeOffset.UtcNow), "/console"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("/login?failed=1");
        // No session; only the short-lived cookie that keeps the typed user name on the form (ADR-036).
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        cookies.ShouldNotContain(c => c.StartsWith(SessionAuthenticationHandler.CookieName + "=", StringComparison.Ordinal));
        cookies.ShouldAllBe(c => c.StartsWith(AuthEndpoints.UserNameCookie + "=", StringComparison.Ordinal));
        (await browser.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    public async Task Login_IgnoresReturnUrlThatLeavesTheSite(string returnUrl)
    {
        var rpo = await OwnAccountAsync();

        var response = await Browser().PostAsync("/account/login", Form(rpo.UserName, rpo.Password, Otp(rpo.TotpSecret, DateTimeOffset.UtcNow), returnUrl), Ct);

        response.Headers.Location!.ToString().ShouldBe("/console");
    }

    [Fact]
    public async Task Login_Returns400_WhenNotAForm()
    {
        var response = await Browser().PostAsync("/account/login", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Logout_EndsTheSessionAndClearsTheCookie_AndWorksWhenAlreadySignedOut()
    {
        var rpo = await OwnAccountAsync();
        var browser = Browser();
        var login = await browser.PostAsync("/account/login", Form(rpo.UserName, rpo.Password, Otp(rpo.TotpSecret, DateTimeOffset.UtcNow), "/console"), Ct);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionAuthenticationHandler.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        (await browser.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logout = await browser.PostAsync("/account/logout", null, Ct);

        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        logout.Headers.Location!.ToString().ShouldStartWith("/login");
        logout.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(SessionAuthenticationHandler.CookieName + "=;", StringComparison.Ordinal));
        (await browser.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Ended on the server, not only forgotten by the browser: the old cookie is refused.
        var replay = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        (await replay.GetAsync("/api/v1/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.PostAsync("/account/logout", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

public sealed class CookieSignInTests_Sqlite(SqliteApp app) : CookieSignInTests(app);

public sealed class CookieSignInTests_Postgres(PostgresApp app) : CookieSignInTests(app);
