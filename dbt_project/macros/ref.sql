{#-
  References without the catalog name. dbt-duckdb names the catalog after the database file, and
  the publish step builds a working copy under another file name, then renames it: a view that
  said "sitrep_work"."marts"."x" would break in the published "sitrep.duckdb". Schema-qualified
  names resolve in whichever file is open.
-#}
{% macro ref() %}
    {%- set rel = builtins.ref(*varargs, **kwargs) -%}
    {%- if rel is string -%}{{ return(rel) }}{%- endif -%}
    {{ return(rel.include(database=False)) }}
{% endmacro %}
