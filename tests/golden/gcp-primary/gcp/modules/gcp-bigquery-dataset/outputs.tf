output "dataset_id" {
  description = "The dataset id."
  value       = google_bigquery_dataset.this.dataset_id
}

output "project" {
  description = "Project of the dataset."
  value       = google_bigquery_dataset.this.project
}

output "id" {
  description = "Full id (projects/<project>/datasets/<dataset>)."
  value       = google_bigquery_dataset.this.id
}
