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
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(string field, string message)
        : base(message)
    {
        Field = field;
        Errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };
    }

    /// <summary>Several fields at fault at once (<see cref="ValidationErrors"/>); <see cref="Field"/> is the first.</summary>
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join(" ", errors.SelectMany(e => e.Value)))
    {
        Field = errors.Keys.First();
        Errors = errors;
    }

    public string Field { get; }

    /// <summary>Every field at fault with its messages, in the order they were found.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>
/// Collects the faults of several independent checks, so that a client is told about every bad field
/// in one answer rather than one per attempt.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool Any => _errors.Count > 0;

    /// <summary>Runs one check; its refusal is noted and <c>default</c> returned, so the next check still runs.</summary>
    public T? Check<T>(Func<T> validate)
    {
        try
        {
            return validate();
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                foreach (var message in messages)
                {
                    Add(field, message);
                }
            }

            return default;
        }
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
            _order.Add(field);
        }

        messages.Add(message);
    }

    /// <summary>Throws one <see cref="ValidationFailedException"/> naming every field noted so far.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var field in _order)
            {
                errors[field] = [.. _errors[field]];
            }

            throw new ValidationFailedException(errors);
        }
    }
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

/// <summary>The caller asks too often (a per-user limit a module keeps): 429, naming the field the limit is about.</summary>
public sealed class TooManyRequestsException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The caller may see the object but not do this to it: 403, naming the field at fault when one is.</summary>
public sealed class ForbiddenException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
