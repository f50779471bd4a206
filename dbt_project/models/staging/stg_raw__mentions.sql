with source as (
    select * from {{ source('raw', 'mentions') }}
),

renamed as (
    select
        cast(mention_id as {{ dbt.type_string() }}) as mention_id,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(kind as {{ dbt.type_string() }}) as mention_kind,
        cast(text as {{ dbt.type_string() }}) as surface_text,
        cast(name as {{ dbt.type_string() }}) as resolved_name,
        cast(start as {{ dbt.type_int() }}) as start,
        cast("end" as {{ dbt.type_int() }}) as "end",
        cast(sentence_index as {{ dbt.type_int() }}) as sentence_index,
        cast(sentence_start as {{ dbt.type_int() }}) as sentence_start,
        cast(sentence_end as {{ dbt.type_int() }}) as sentence_end,
        cast(sentence as {{ dbt.type_string() }}) as sentence,
        cast(actor_id as {{ dbt.type_string() }}) as actor_id,
        cast(actor_type as {{ dbt.type_string() }}) as actor_type,
        cast(geonames_id as {{ dbt.type_bigint() }}) as geonames_id,
        cast(latitude as {{ type_double() }}) as latitude,
        cast(longitude as {{ type_double() }}) as longitude,
        cast(admin1 as {{ dbt.type_string() }}) as admin1,
        cast(country_code as {{ dbt.type_string() }}) as country_code,
        cast(geo_precision as {{ dbt.type_int() }}) as geo_precision,
        coalesce(cast(resolved as {{ dbt.type_boolean() }}), false) as is_resolved,
        cast(dt as date) as partition_date
    from source
)

select * from renamed
