using System.Text.Json;
using Microsoft.AspNetCore.Http;
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

    private static async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ProblemDetailsExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemDetailsExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        (await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken)).ShouldBeTrue();

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken));
    }
}
