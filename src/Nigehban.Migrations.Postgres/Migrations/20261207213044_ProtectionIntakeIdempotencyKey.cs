using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProtectionIntakeIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKeyHash",
                table: "protection_cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyRequestHash",
                table: "protection_cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_cases_IdempotencyKeyHash",
                table: "protection_cases",
                column: "IdempotencyKeyHash",
                unique: true,
                filter: "\"IdempotencyKeyHash\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_protection_cases_IdempotencyKeyHash",
                table: "protection_cases");

            migrationBuilder.DropColumn(
                name: "IdempotencyKeyHash",
                table: "protection_cases");

            migrationBuilder.DropColumn(
                name: "IdempotencyRequestHash",
                table: "protection_cases");
        }
    }
}
