{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='merge',
    )
}}

{#- One row per stored article (its latest landing), with its text for provenance. -#}

with articles as (
    select * from {{ ref('stg_raw__articles') }}
    {% if is_incremental() %}
    where partition_date = cast('{{ sitrep_run_date() }}' as date)
    {% endif %}
),

latest as (
    select
        *,
        row_number() over (
            partition by article_id order by partition_date desc, fetched_at desc
        ) as row_num
    from articles
),

{% if is_incremental() %}
existing as (
    select article_id, partition_date from {{ this }}
),
{% endif %}

final as (
    select
        latest.article_id,
        latest.url,
        latest.canonical_url,
        latest.source_id,
        latest.domain,
        latest.title,
        latest.author,
        latest.site_name,
        latest.published,
        latest.language,
        latest.status,
        latest.status_reason,
        latest.word_count,
        latest.content_hash,
        latest.near_duplicate_cluster_id,
        latest.fetched_at,
        latest.extractor_version,
        latest.published_source,
        latest.authors,
        latest.partition_date,
        latest.article_text
    from latest
    {% if is_incremental() %}
    left join existing on latest.article_id = existing.article_id
    {% endif %}
    where
        latest.row_num = 1
    {% if is_incremental() %}
        and (existing.article_id is null or existing.partition_date <= latest.partition_date)
        {% endif %}
)

select * from final
