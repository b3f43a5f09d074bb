using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class TrainingInvoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_invoices",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    employer_id = table.Column<Guid>(nullable: false),
                    session_id = table.Column<Guid>(nullable: false),
                    source_reference = table.Column<string>(maxLength: 100, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    billing_invoice_id = table.Column<Guid>(nullable: true),
                    number = table.Column<string>(maxLength: 20, nullable: true),
                    payment_reference = table.Column<string>(maxLength: 30, nullable: true),
                    issued_on = table.Column<DateOnly>(nullable: true),
                    due_on = table.Column<DateOnly>(nullable: true),
                    total = table.Column<decimal>(precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    problems = table.Column<string>(maxLength: 4000, nullable: true),
                    requested_by = table.Column<string>(maxLength: 80, nullable: false),
                    requested_at = table.Column<DateTime>(nullable: false),
                    answered_at = table.Column<DateTime>(nullable: true),
                    settled_on = table.Column<DateOnly>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_invoices", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_invoices_training_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "training_employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_invoices_training_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "training_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_invoice_participants",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    invoice_participant_names = table.Column<byte[]>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_invoice_participants", x => new { x.invoice_id, x.enrolment_id });
                    table.ForeignKey(
                        name: "FK_training_invoice_participants_training_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "training_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_invoice_participants_training_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "training_invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_invoice_participants_enrolment_id",
                table: "training_invoice_participants",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoice_participants_trainee_id",
                table: "training_invoice_participants",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoices_employer_id",
                table: "training_invoices",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoices_session_id",
                table: "training_invoices",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoices_source_reference",
                table: "training_invoices",
                column: "source_reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_invoice_participants");

            migrationBuilder.DropTable(
                name: "training_invoices");
        }
    }
}
