using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nigehban.Web.Platform.Api;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

public sealed class ProblemDetailsExceptionHandlerTests
{
    [Fact]
    public async Task ARecordChangedAtTheSameMoment_Is409_WithoutTheExceptionsText()
    {
        var (status, body) = await HandleAsync(new DbUpdateConcurrencyException("internal detail: expected 1 row, 0 affected"));

        status.ShouldBe(StatusCodes.Status409Conflict);
        body.GetProperty("title").GetString().ShouldBe("Conflict");
        body.GetRawText().ShouldNotContain("internal detail");
    }

    [Fact]
    public async Task AnUnexpectedError_Is500_WithoutTheExceptionsText()
    {
        var (status, body) = await HandleAsync(new InvalidOperationException("internal detail"));

        status.ShouldBe(StatusCodes.Status500InternalServerError);
        body.GetRawText().ShouldNotContain("internal detail");
    }

    [Theory]
    [InlineData("fr", "Quelqu'un d'autre a modifié cet enregistrement")]
    [InlineData("rw", "Undi muntu yahinduye iyi nyandiko")]
    [InlineData("en", "Someone else changed this record")]
    public async Task TheHandlersOwnSentence_IsInTheRequestsLanguage_WhileTheTitleStays(string language, string expected)
    {
        // The handler runs outside request localization, in the server's culture: the request's culture comes from its feature.
        var (status, body) = await HandleAsync(new DbUpdateConcurrencyException("internal detail"), language);

        status.ShouldBe(StatusCodes.Status409Conflict);
        body.GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith(expected);
        body.GetProperty("title").GetString().ShouldBe("Conflict");
    }

    [Fact]
    public async Task AnUnboundParameter_IsNamedTheSame_InEveryLanguage()
    {
        var exception = new BadHttpRequestException("Failed to bind parameter \"int? page\" from \"abc\".", 400);

        var (_, french) = await HandleAsync(exception, "fr");
        var (_, english) = await HandleAsync(exception, "en");

        french.GetProperty("field").GetString().ShouldBe("page");
        english.GetProperty("field").GetString().ShouldBe("page");
        french.GetProperty("detail").GetString().ShouldBe("La valeur de 'page' n'est pas valide pour son type.");
        english.GetProperty("detail").GetString().ShouldBe("The value of 'page' is not valid for its type.");
    }

    private static async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception, string? language = null)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ProblemDetailsExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemDetailsExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        if (language is not null)
        {
            context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(language), provider: null));
        }

        (await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken)).ShouldBeTrue();

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken));
    }
}
