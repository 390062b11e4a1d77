namespace Nigehban.Web.Platform.Notifications;

/// <summary>
/// Picks the channel for a message kind: <c>Notifications:&lt;Kind&gt;:Channel</c> names a keyed
/// <see cref="INotificationChannel"/>; unset means <c>file</c>. A real gateway is another adapter
/// registered under its own name and selected here by configuration, with no change to senders.
/// </summary>
public sealed class NotificationChannels(IServiceProvider services, IConfiguration configuration)
{
    public string ChannelNameFor(string kind) =>
        configuration[$"Notifications:{kind}:Channel"] is { Length: > 0 } name ? name : FileNotificationChannel.Name;

    public INotificationChannel For(string kind)
    {
        var name = ChannelNameFor(kind);
        return services.GetKeyedService<INotificationChannel>(name)
            ?? throw new InvalidOperationException($"No notification channel named '{name}' (configured for '{kind}' messages).");
    }
}

public static class NotificationsModule
{
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services)
    {
        services.AddSingleton<FileNotificationChannel>();
        services.AddKeyedSingleton<INotificationChannel>(FileNotificationChannel.Name, (sp, _) => sp.GetRequiredService<FileNotificationChannel>());
        services.AddScoped<NotificationChannels>();
        return services;
    }
}
