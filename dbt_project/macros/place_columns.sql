{#- A place's columns as the lake stores them, typed: `<prefix>_name`, `_geonames_id`,
    `_latitude`, `_longitude`, `_admin1`, `_country_code`, `_geo_precision` (an event's location,
    origin and destination share them). -#}
{% macro place_columns(prefix) -%}
        cast({{ prefix }}_name as {{ dbt.type_string() }}) as {{ prefix }}_name,
        cast({{ prefix }}_geonames_id as {{ dbt.type_bigint() }}) as {{ prefix }}_geonames_id,
        cast({{ prefix }}_latitude as {{ type_double() }}) as {{ prefix }}_latitude,
        cast({{ prefix }}_longitude as {{ type_double() }}) as {{ prefix }}_longitude,
        cast({{ prefix }}_admin1 as {{ dbt.type_string() }}) as {{ prefix }}_admin1,
        cast({{ prefix }}_country_code as {{ dbt.type_string() }}) as {{ prefix }}_country_code,
        cast({{ prefix }}_geo_precision as {{ dbt.type_int() }}) as {{ prefix }}_geo_precision
{%- endmacro %}
