using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PendingOnlyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_requests_IdempotencyKey",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_NextAttemptAt",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_IdempotencyKey",
                table: "service_requests",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_NextAttemptAt",
                table: "outbox_messages",
                column: "NextAttemptAt",
                filter: "\"NextAttemptAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_requests_IdempotencyKey",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_NextAttemptAt",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_IdempotencyKey",
                table: "service_requests",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_NextAttemptAt",
                table: "outbox_messages",
                column: "NextAttemptAt");
        }
    }
}
