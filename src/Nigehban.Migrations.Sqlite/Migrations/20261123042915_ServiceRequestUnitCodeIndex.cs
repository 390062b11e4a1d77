using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceRequestUnitCodeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_service_requests_UnitCode",
                table: "service_requests",
                column: "UnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_requests_UnitCode",
                table: "service_requests");
        }
    }
}
