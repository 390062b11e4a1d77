using Microsoft.AspNetCore.Http.HttpResults;

namespace Nigehban.Web.Platform.Api;

/// <summary>ProblemDetails results that name the field at fault, in the shape every endpoint uses.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid input",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}

/// <summary>Thrown by handlers and entity methods; the exception handler maps each to its status.</summary>
public sealed class ValidationFailedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

public sealed class NotFoundException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The request is well formed but contradicts what the server holds (a key reused for another request): 422.</summary>
public sealed class UnprocessableException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A business rule forbids the operation in the current state (an illegal status change): 409.</summary>
public sealed class RuleViolationException(string message) : Exception(message);

/// <summary>The caller may see the object but not do this to it: 403, naming the field at fault when one is.</summary>
public sealed class ForbiddenException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
