namespace Nigehban.Web.Platform.Api;

/// <summary>
/// The framework's ProblemDetails writer declines when the client's Accept header excludes JSON
/// (<c>Accept: application/xml</c>). Every error path then had nothing to write with: status-code
/// pages sent an empty body, and the exception handler, finding no writer, let the exception
/// escape as a 500 — a 404 for an unknown reference became a crash. This writer, registered after
/// the framework's, answers those clients with application/problem+json anyway: an error the
/// client can read beats a 406 it did not ask for, and far beats a 500.
/// </summary>
public sealed class ProblemJsonFallbackWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ProblemDetailsDefaults.Apply(context);
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        // The runtime type, so that a validation problem keeps its errors.
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null,
            contentType: "application/problem+json", context.HttpContext.RequestAborted));
    }
}
