using MudBlazor;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Components.StaffConsole;

/// <summary>
/// Handlers refuse a request by throwing (bad input, not found, a broken rule, no permission). On a
/// console page a refusal is told to the officer and must never tear down the circuit; any other
/// exception is a fault and still propagates.
/// </summary>
public static class HandlerRefusals
{
    public static bool IsRefusal(Exception exception) =>
        exception is ValidationFailedException or UnprocessableException or NotFoundException or RuleViolationException or ForbiddenException or TooManyRequestsException;

    /// <summary>Runs the action; a refusal shows its message as an error and gives <c>default</c>.</summary>
    public static async Task<T?> RunOrReportAsync<T>(this ISnackbar snackbar, Func<Task<T>> action, Action? refused = null)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            snackbar.Add(ex.Message, Severity.Error);
            refused?.Invoke();
            return default;
        }
    }

    /// <summary>Runs the action; false when it was refused (and the refusal was shown).</summary>
    public static Task<bool> RunOrReportAsync(this ISnackbar snackbar, Func<Task> action) =>
        snackbar.RunOrReportAsync(async () =>
        {
            await action();
            return true;
        });

    /// <summary>For background work (a timed refresh): a refusal is dropped, and the next click reports it.</summary>
    public static async Task<T?> RunQuietlyAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            return default;
        }
    }
}
