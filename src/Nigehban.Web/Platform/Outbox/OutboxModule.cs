using Nigehban.Web.Platform.Notifications;

namespace Nigehban.Web.Platform.Outbox;

public static class OutboxModule
{
    /// <summary>The outbox, its dispatcher and the notification channels. Registered after the database start-up.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions());
        services.AddScoped<DispatchOutbox>();
        services.AddNotificationChannels();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
