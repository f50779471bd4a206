with source as (
    select * from {{ source('raw', 'fetch_outcomes') }}
),

renamed as (
    select
        cast(url as {{ dbt.type_string() }}) as url,
        cast(final_url as {{ dbt.type_string() }}) as final_url,
        cast(source_id as {{ dbt.type_string() }}) as source_id,
        cast(source_kind as {{ dbt.type_string() }}) as source_kind,
        {{ utc_timestamp('discovered_at') }} as discovered_at,
        {{ utc_timestamp('fetched_at') }} as fetched_at,
        cast(outcome as {{ dbt.type_string() }}) as outcome,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(http_status as {{ dbt.type_int() }}) as http_status,
        cast(attempts as {{ dbt.type_int() }}) as attempts,
        cast(content_type as {{ dbt.type_string() }}) as content_type,
        cast(bytes as {{ dbt.type_bigint() }}) as bytes,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(duplicate_of as {{ dbt.type_string() }}) as duplicate_of_article_id,
        cast(raw_path as {{ dbt.type_string() }}) as raw_path,
        cast(dt as date) as partition_date
    from source
)

select * from renamed
