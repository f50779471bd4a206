{{
    config(
        materialized='incremental',
        unique_key='partition_date',
        incremental_strategy='delete+insert',
    )
}}

{#- Every discovered URL and what happened to it, per run day: "why is this article missing?"
    is a filter on url. A re-run of a day replaces that day's rows. -#}

with outcomes as (
    select * from {{ ref('stg_raw__fetch_outcomes') }}
    {% if is_incremental() %}
    where partition_date = cast('{{ sitrep_run_date() }}' as date)
    {% endif %}
),

final as (
    select
        {{ dbt.hash(dbt.concat(['url', "'|'", dbt.safe_cast('partition_date', dbt.type_string())])) }}
            as fetch_outcome_id,
        url,
        final_url,
        {{ url_host('url') }} as url_domain,
        source_id,
        source_kind,
        discovered_at,
        fetched_at,
        outcome,
        reason,
        http_status,
        attempts,
        content_type,
        bytes,
        article_id,
        duplicate_of_article_id,
        raw_path,
        partition_date
    from outcomes
)

select * from final
