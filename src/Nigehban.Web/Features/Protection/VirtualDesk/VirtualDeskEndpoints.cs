using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection.VirtualDesk;

/// <summary>
/// The virtual desk's routes (ADR-070). The citizen's conversation is one resource found by the
/// <c>Resume-Code</c> header, never by a code in the address (addresses end up in logs and browser history).
/// </summary>
public static class VirtualDeskEndpoints
{
    public const string ResumeCodeHeader = "Resume-Code";

    public static IEndpointRouteBuilder MapVirtualDesk(this IEndpointRouteBuilder app)
    {
        var citizen = app.MapGroup("/api/v1/virtual-desk").WithTags("Virtual desk");
        citizen.MapPost("/conversations", async (StartChatCommand command, TalkToTheDeskHandler h, CancellationToken ct) =>
                TypedResults.Created((string?)null, await h.StartAsync(command, ct)))
            .WithName("StartVirtualDeskChat").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Starts a chat with the desk, without an account (anonymous unless a name is given); answers the resume code, shown once.");
        citizen.MapGet("/conversation", async ([FromHeader(Name = ResumeCodeHeader)] string? code, TalkToTheDeskHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.ReadAsync(code, ct)))
            .WithName("GetVirtualDeskConversation").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The conversation the Resume-Code header opens; any code that opens none is the same 404.");
        citizen.MapPost("/conversation/messages", async ([FromHeader(Name = ResumeCodeHeader)] string? code, ChatMessageCommand command, TalkToTheDeskHandler h, CancellationToken ct) =>
                TypedResults.Created((string?)null, await h.PostAsync(code, command, ct)))
            .WithName("PostVirtualDeskMessage").AllowAnonymous().RequireRateLimiting(RateLimits.Anonymous)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The citizen writes to the desk (text: at most the pack's messageMaxLength characters, else 400 naming text).");

        var desk = app.MapGroup("/api/v1/virtual-desk/chats").WithTags("Virtual desk");
        desk.MapGet("/", async (int? page, int? pageSize, AnswerChatsHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(page, pageSize, ct)))
            .WithName("ListVirtualDeskChats").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("The chats of your desk's centre, waiting ones first; never a word of them.");
        desk.MapGet("/{id:guid}", async (Guid id, AnswerChatsHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(id, ct)))
            .WithName("GetVirtualDeskChat").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("One chat with its messages (an audited read): a chat nobody holds, yours, or one whose case you read.");
        desk.MapPost("/{id:guid}/messages", async (Guid id, ChatMessageCommand command, AnswerChatsHandler h, CancellationToken ct) =>
                TypedResults.Created((string?)null, await h.AnswerAsync(id, command, ct)))
            .WithName("AnswerVirtualDeskChat").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Answers the citizen; the first officer to answer holds the chat.");
        desk.MapPost("/{id:guid}/case", async (Guid id, OpenCaseFromChatCommand command, AnswerChatsHandler h, CancellationToken ct) =>
            {
                var opened = await h.OpenCaseAsync(id, command, ct);
                return TypedResults.Created($"/api/v1/protection-cases/{opened.Reference}", opened);
            })
            .WithName("OpenProtectionCaseFromChat").RequireAuthorization(Permissions.ProtectionCasesWork)
            .WithSummary("Turns the chat into a protection case assigned to you, its transcript kept in the case, sealed.");
        return app;
    }
}
