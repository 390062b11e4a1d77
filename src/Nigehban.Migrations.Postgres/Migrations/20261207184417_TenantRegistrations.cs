using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TenantRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenant_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    LandlordName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    LandlordPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TenantName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    TenantFatherName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    TenantNationalId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TenantPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MovedInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredLate = table.Column<bool>(type: "boolean", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenant_registrations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tenant_registrations_IdempotencyKey",
                table: "tenant_registrations",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_registrations_TenantNationalId",
                table: "tenant_registrations",
                column: "TenantNationalId");

            migrationBuilder.CreateIndex(
                name: "IX_tenant_registrations_UnitPath",
                table: "tenant_registrations",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenant_registrations");
        }
    }
}
