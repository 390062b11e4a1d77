using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Every exception becomes an RFC 9457 ProblemDetails with a <c>traceId</c>; no stack trace ever
/// reaches a client. Malformed JSON names the JSON path of the bad field.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, field) = exception switch
        {
            ValidationFailedException v => (400, "Invalid input", v.Message, v.Field),
            NotFoundException n => (404, "Not found", n.Message, n.Field),
            RuleViolationException r => (409, "Conflict", r.Message, null),
            ForbiddenException f => (403, "Forbidden", f.Message, null),
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed request body", DescribeJson(json), FieldOf(json)),
            BadHttpRequestException { StatusCode: 413 } => (413, "Request body too large", "The request body is larger than this endpoint accepts.", "body"),
            BadHttpRequestException b => (b.StatusCode, "Bad request", b.Message, null),
            JsonException json => (400, "Malformed request body", DescribeJson(json), FieldOf(json)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null, null),
            _ => (500, "An unexpected error occurred", "The error has been logged with the trace id below.", (string?)null),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail ?? title] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static string? FieldOf(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');

    private static string DescribeJson(JsonException json) =>
        json.Path is { Length: > 1 } path
            ? $"The value at '{path.TrimStart('$', '.')}' is not valid JSON for its type."
            : "The request body is not valid JSON.";
}
