{{
    config(
        materialized='incremental',
        unique_key='event_mention_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns',
    )
}}

{#- Every event mention ever landed, with the article facts clustering needs and its blocking
    key. Incremental: reads only the run_date partition; a mention that was in this day before
    and is not any more is kept and marked deleted (ACLED-style), never dropped. -#}

with events as (
    select * from {{ ref('stg_raw__events') }}
    {% if is_incremental() %}
    where partition_date = cast('{{ var("run_date") }}' as date)
    {% endif %}
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
    {% if is_incremental() %}
    where partition_date = cast('{{ var("run_date") }}' as date)
    {% endif %}
),

article_landings as (
    -- an article stored again on a later day (updated text) replaces its earlier mentions
    select
        article_id,
        max(partition_date) as last_partition_date
    from articles
    group by article_id
),

articles_latest as (
    -- one row per article and day (a day's batches may have stored an article twice)
    select
        article_id,
        partition_date,
        published_date,
        fetched_at,
        domain,
        near_duplicate_cluster_id,
        row_number() over (
            partition by article_id, partition_date order by fetched_at desc
        ) as row_num
    from articles
),

events_latest as (
    -- the latest day wins when a re-fetched article repeats a mention
    select
        *,
        row_number() over (
            partition by event_mention_id order by partition_date desc, event_index asc
        ) as row_num
    from events
),

enriched as (
    select
        e.event_mention_id,
        e.article_id,
        e.event_index,
        e.event_type,
        e.event_mode,
        e.acled_event_type,
        e.acled_sub_event_type,
        e.cameo_root,
        e.actor1_name,
        e.actor1_id,
        e.actor1_type,
        e.actor1_country_code,
        e.actor1_backer_country_code,
        e.actor1_is_resolved,
        e.actor2_name,
        e.actor2_id,
        e.actor2_type,
        e.actor2_country_code,
        e.actor2_backer_country_code,
        e.actor2_is_resolved,
        e.location_name,
        e.location_geonames_id,
        e.location_latitude,
        e.location_longitude,
        e.location_admin1,
        e.location_country_code,
        e.location_geo_precision,
        e.origin_name,
        e.origin_geonames_id,
        e.origin_latitude,
        e.origin_longitude,
        e.origin_admin1,
        e.origin_country_code,
        e.origin_geo_precision,
        e.date_start,
        e.date_end,
        e.date_precision,
        e.fatalities_low,
        e.fatalities_best,
        e.fatalities_high,
        e.source_original,
        e.sentence,
        e.sentence_index,
        e.start_offset,
        e.end_offset,
        e.modality,
        e.confidence,
        a.published_date,
        a.fetched_at,
        a.domain,
        a.near_duplicate_cluster_id,
        e.partition_date,
        coalesce(e.date_start, a.published_date, e.partition_date) as event_date,
        coalesce(e.date_end, e.date_start, a.published_date, e.partition_date) as event_date_end,
        coalesce(a.fetched_at, cast(coalesce(a.published_date, e.partition_date) as {{ dbt.type_timestamp() }}))
            as reported_at,
        {{ dbt.concat([event_family('e.event_type'), "'|'", event_location_key('e.location', 'e.article_id')]) }}
            as block_key
    from events_latest as e
    left join articles_latest as a
        on
            e.article_id = a.article_id
            and e.partition_date = a.partition_date
            and a.row_num = 1
    left join article_landings as landing on e.article_id = landing.article_id
    where
        e.row_num = 1
        and (landing.article_id is null or e.partition_date = landing.last_partition_date)
),

{% if is_incremental() %}
existing as (
    select * from {{ this }}
),

fresh as (
    -- a re-run of an older day must not overwrite a mention a later day re-landed
    select enriched.*
    from enriched
    left join existing on enriched.event_mention_id = existing.event_mention_id
    where
        (existing.event_mention_id is null or existing.partition_date <= enriched.partition_date)
        and enriched.article_id not in (
            select article_id from existing
            where partition_date > cast('{{ var("run_date") }}' as date) and article_id is not null
        )
),

vanished as (
    select existing.*
    from existing
    left join enriched on existing.event_mention_id = enriched.event_mention_id
    where
        enriched.event_mention_id is null
        and (
            existing.partition_date = cast('{{ var("run_date") }}' as date)
            or (
                existing.partition_date < cast('{{ var("run_date") }}' as date)
                and existing.article_id in (select article_id from article_landings)
            )
        )
),
{% endif %}

{% set state_cols = ['is_deleted', 'deleted_at', 'batch_id'] %}
final as (
    {% if is_incremental() %}
    select
        {{ columns_except(this, state_cols, 'fresh') }},
        false as is_deleted,
        cast(null as {{ dbt.type_timestamp() }}) as deleted_at,
        '{{ batch_id() }}' as batch_id
    from fresh
    union all
    select
        {{ columns_except(this, state_cols, 'vanished') }},
        true as is_deleted,
        cast(coalesce(deleted_at, {{ dbt.current_timestamp() }}) as {{ dbt.type_timestamp() }}) as deleted_at,
        '{{ batch_id() }}' as batch_id
    from vanished
    {% else %}
        select
            *,
            false as is_deleted,
            cast(null as {{ dbt.type_timestamp() }}) as deleted_at,
            '{{ batch_id() }}' as batch_id
        from enriched
    {% endif %}
)

select * from final
