using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LandlordName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    LandlordPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TenantName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    TenantFatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    TenantNationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TenantPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MovedInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredLate = table.Column<bool>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
