using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApplicantFieldsFromPack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "applicant_father_name",
                table: "service_requests",
                newName: "applicant_parent_name");

            migrationBuilder.RenameColumn(
                name: "FatherName",
                table: "person_records",
                newName: "ParentName");

            migrationBuilder.RenameColumn(
                name: "HolderFatherName",
                table: "issued_documents",
                newName: "HolderParentName");

            migrationBuilder.AddColumn<string>(
                name: "applicant_language",
                table: "service_requests",
                type: "TEXT",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "applicant_language",
                table: "service_requests");

            migrationBuilder.RenameColumn(
                name: "applicant_parent_name",
                table: "service_requests",
                newName: "applicant_father_name");

            migrationBuilder.RenameColumn(
                name: "ParentName",
                table: "person_records",
                newName: "FatherName");

            migrationBuilder.RenameColumn(
                name: "HolderParentName",
                table: "issued_documents",
                newName: "HolderFatherName");
        }
    }
}
