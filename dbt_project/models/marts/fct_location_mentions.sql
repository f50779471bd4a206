{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='merge',
    )
}}

{#- One row per place mention in an article: which place is in the news, how exactly it was
    resolved, in which sentence, and whether it is where an event happened (location) or where
    its actor came from (origin). -#}

with mentions as (
    {{ mentions_of_kind('location') }}
),

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.geonames_id as location_id,
        coalesce(mentions.resolved_name, mentions.surface_text) as location_name,
        mentions.surface_text,
        mentions.latitude,
        mentions.longitude,
        mentions.admin1,
        mentions.country_code,
        mentions.geo_precision,
        {{ mention_context_columns('mentions') }}
    from mentions
)

select * from final
