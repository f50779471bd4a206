with source as (
    select * from {{ source('raw', 'articles') }}
),

renamed as (
    select
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(url as {{ dbt.type_string() }}) as url,
        cast(canonical_url as {{ dbt.type_string() }}) as canonical_url,
        cast(source_id as {{ dbt.type_string() }}) as source_id,
        lower(cast(domain as {{ dbt.type_string() }})) as domain,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(author as {{ dbt.type_string() }}) as author,
        cast(site_name as {{ dbt.type_string() }}) as site_name,
        cast(published as date) as published,
        cast(language as {{ dbt.type_string() }}) as language,
        cast(status as {{ dbt.type_string() }}) as status,
        cast(status_reason as {{ dbt.type_string() }}) as status_reason,
        cast(text as {{ dbt.type_string() }}) as article_text,
        cast(word_count as {{ dbt.type_int() }}) as word_count,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(cluster_id as {{ dbt.type_string() }}) as near_duplicate_cluster_id,
        {{ utc_timestamp('fetched_at') }} as fetched_at,
        cast(extractor_version as {{ dbt.type_string() }}) as extractor_version,
        cast(published_source as {{ dbt.type_string() }}) as published_source,
        authors,
        cast(dt as date) as partition_date
    from source
)

select * from renamed
